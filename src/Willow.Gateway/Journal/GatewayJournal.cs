using System.Text.Json;
using Microsoft.Data.Sqlite;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Sqlite;

namespace Willow.Gateway.Journal;

/// <summary>
/// The gateway's durable record of the commands it relays, and the outbox of state reports for the hub.
/// Each state change and its report are written in one transaction, so the hub hears of every change
/// exactly as the journal has it, once the link is up, in order.
/// </summary>
public sealed partial class GatewayJournal : IDisposable
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE commands (
            id           TEXT PRIMARY KEY,
            device_id    TEXT NOT NULL,
            kind         TEXT NOT NULL,
            envelope     TEXT NOT NULL,
            state        TEXT NOT NULL,
            detail       TEXT NULL,
            received_at  INTEGER NOT NULL,
            started_at   INTEGER NULL,
            finished_at  INTEGER NULL
        );
        CREATE INDEX ix_commands_device_kind_started ON commands (device_id, kind, started_at);
        CREATE INDEX ix_commands_state ON commands (state);

        CREATE TABLE outbox (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            command_id  TEXT NOT NULL,
            state       TEXT NOT NULL,
            at          INTEGER NOT NULL,
            source      TEXT NOT NULL,
            detail      TEXT NULL
        );
        """,
        """
        ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'command-state';
        ALTER TABLE outbox ADD COLUMN payload TEXT NULL;
        ALTER TABLE commands ADD COLUMN dose_id TEXT NULL;

        CREATE TABLE regimen_set (
            id           INTEGER PRIMARY KEY CHECK (id = 1),
            payload      TEXT NOT NULL,
            received_at  INTEGER NOT NULL
        );

        CREATE TABLE doses (
            dose_id       TEXT PRIMARY KEY,
            regimen_id    TEXT NOT NULL,
            scheduled_at  INTEGER NOT NULL,
            state         TEXT NOT NULL,
            command_id    TEXT NULL,
            command       TEXT NULL,
            issue_after   INTEGER NULL,
            detail        TEXT NULL,
            updated_at    INTEGER NOT NULL
        );
        CREATE INDEX ix_doses_command ON doses (command_id);
        CREATE INDEX ix_commands_dose ON commands (dose_id);
        """,
        """
        CREATE TABLE reading_cursors (
            device_id  TEXT PRIMARY KEY,
            next       INTEGER NOT NULL
        );
        CREATE INDEX ix_outbox_kind ON outbox (kind, seq);

        CREATE TABLE photo_uploads (
            command_id       TEXT PRIMARY KEY,
            device_id        TEXT NOT NULL,
            dose_id          TEXT NULL,
            taken_at         INTEGER NOT NULL,
            fetched          INTEGER NOT NULL DEFAULT 0,
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_at  INTEGER NOT NULL,
            last_error       TEXT NULL
        );
        """,
    ];

    private const string Columns = "envelope, state, detail, received_at, started_at, finished_at";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public GatewayJournal(string path)
    {
        var database = new SqliteDatabase(path);
        database.Migrate(Migrations);
        _connection = database.Open();
        Path = database.Path;
    }

    public string Path { get; }

    /// <summary>Raised after a report is added to the outbox, so the sender can flush at once.</summary>
    public event Action? OutboxChanged;

    public RelayedCommand? Find(Guid commandId)
    {
        lock (_gate)
        {
            return _connection.Query($"SELECT {Columns} FROM commands WHERE id = $id", Read, null, ("$id", commandId.ToString())).SingleOrDefault();
        }
    }

    /// <summary>Records a command pushed or synced from the hub as <c>delivered</c>. False if it was known already.</summary>
    public bool TryRecordDelivered(CommandEnvelope command, DateTimeOffset now) => TryRecordReceived(command, now, CommandState.Delivered, null);

    /// <summary>
    /// Records a new command as delivered and, in the same commit, what the gateway decided to do with it
    /// (<c>executing</c>, or a final refusal): one write to disk before the agent is asked. False if known already.
    /// </summary>
    public bool TryRecordReceived(CommandEnvelope command, DateTimeOffset now, CommandState then, string? detail)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var inserted = _connection.Execute(
                """
                INSERT OR IGNORE INTO commands (id, device_id, kind, envelope, dose_id, state, detail, received_at, started_at, finished_at)
                VALUES ($id, $device, $kind, $envelope, $dose, $state, $detail, $now,
                        CASE WHEN $state = 'executing' THEN $now END, CASE WHEN $final = 1 THEN $now END)
                """,
                transaction,
                ("$id", command.Id.ToString()),
                ("$device", command.DeviceId),
                ("$kind", command.Kind),
                ("$envelope", JsonSerializer.Serialize(command, WillowJsonContext.Default.CommandEnvelope)),
                ("$dose", command.DoseId?.ToString()),
                ("$state", then.ToWire()),
                ("$detail", detail),
                ("$final", then.IsFinal() ? 1 : 0),
                ("$now", now.ToUnixMs()));
            if (inserted == 1)
            {
                AddToOutbox(transaction, new CommandStateReport(command.Id, CommandState.Delivered, now, EventSource.Gateway, null));
                if (then != CommandState.Delivered)
                {
                    AddToOutbox(transaction, new CommandStateReport(command.Id, then, now, EventSource.Gateway, detail));
                }
            }

            transaction.Commit();
            if (inserted == 1)
            {
                OutboxChanged?.Invoke();
            }

            return inserted == 1;
        }
    }

    /// <summary>The gateway is about to send the command to its agent. Durable before the request leaves.</summary>
    public void RecordExecuting(Guid commandId, DateTimeOffset now, string? detail) =>
        Transition(commandId, CommandState.Executing, detail, now, EventSource.Gateway, started: true);

    /// <summary>A final state decided by the gateway itself (expired, refused, cancelled, failed, uncertain).</summary>
    public void RecordFinal(Guid commandId, CommandState state, string detail, DateTimeOffset now) =>
        Transition(commandId, state, detail, now, EventSource.Gateway, started: false);

    /// <summary>The agent's answer.</summary>
    public void RecordOutcome(ActuationOutcome outcome) =>
        Transition(outcome.CommandId, outcome.State, outcome.Detail, outcome.FinishedAt, EventSource.Agent, started: false);

    /// <summary>Queues the final state again for a hub that still thinks the command is open.</summary>
    public void ReportAgain(RelayedCommand command)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            AddToOutbox(transaction, new CommandStateReport(
                command.Envelope.Id, command.State, command.FinishedAt ?? command.ReceivedAt,
                command.StartedAt is null ? EventSource.Gateway : EventSource.Agent, command.Detail));
            transaction.Commit();
        }

        OutboxChanged?.Invoke();
    }

    /// <summary>When the last dispense on the device that may have released something started.</summary>
    public DateTimeOffset? LastDispenseStartedAt(string deviceId, Guid? except = null)
    {
        lock (_gate)
        {
            var value = _connection.Scalar(
                """
                SELECT MAX(started_at) FROM commands
                WHERE device_id = $device AND kind = $kind AND state IN ('executing', 'succeeded', 'uncertain') AND id <> $except
                """,
                null,
                ("$device", deviceId),
                ("$kind", CommandKinds.Dispense),
                ("$except", except?.ToString() ?? ""));
            return value is long ms ? UnixTime.FromUnixMs(ms) : null;
        }
    }

    /// <summary>Commands received but not finished: after a restart they are picked up again.</summary>
    public IReadOnlyList<RelayedCommand> Unfinished()
    {
        lock (_gate)
        {
            return _connection.Query($"SELECT {Columns} FROM commands WHERE state IN ('delivered', 'executing') ORDER BY received_at", Read);
        }
    }

    public IReadOnlyList<OutboxEntry> PeekOutbox(int max)
    {
        lock (_gate)
        {
            return _connection.Query(
                "SELECT seq, kind, payload, command_id, state, at, source, detail FROM outbox ORDER BY seq LIMIT $max",
                ReadOutbox,
                null,
                ("$max", max));
        }
    }

    public int OutboxCount()
    {
        lock (_gate)
        {
            return Convert.ToInt32(_connection.Scalar("SELECT COUNT(*) FROM outbox"), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The hub acknowledged every report up to and including <paramref name="sequence"/>.</summary>
    public void RemoveFromOutbox(long sequence)
    {
        lock (_gate)
        {
            _connection.Execute("DELETE FROM outbox WHERE seq <= $seq", null, ("$seq", sequence));
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Transition(Guid commandId, CommandState state, string? detail, DateTimeOffset at, EventSource source, bool started)
    {
        bool photo;
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var updated = _connection.Execute(
                """
                UPDATE commands SET state = $state, detail = $detail,
                    started_at = CASE WHEN $started = 1 THEN $at ELSE started_at END,
                    finished_at = CASE WHEN $final = 1 THEN $at ELSE finished_at END
                WHERE id = $id
                """,
                transaction,
                ("$state", state.ToWire()),
                ("$detail", detail),
                ("$started", started ? 1 : 0),
                ("$final", state.IsFinal() ? 1 : 0),
                ("$at", at.ToUnixMs()),
                ("$id", commandId.ToString()));
            if (updated != 1)
            {
                throw new InvalidOperationException($"Command {commandId} is not in the gateway journal.");
            }

            AddToOutbox(transaction, new CommandStateReport(commandId, state, at, source, detail));
            photo = state == CommandState.Succeeded && QueuePhotoOfSnapshot(transaction, commandId, at);
            transaction.Commit();
        }

        OutboxChanged?.Invoke();
        if (photo)
        {
            PhotoQueued?.Invoke();
        }
    }

    private void AddToOutbox(SqliteTransaction transaction, CommandStateReport report) =>
        _connection.Execute(
            "INSERT INTO outbox (kind, command_id, state, at, source, detail) VALUES ('command-state', $id, $state, $at, $source, $detail)",
            transaction,
            ("$id", report.CommandId.ToString()),
            ("$state", report.State.ToWire()),
            ("$at", report.At.ToUnixMs()),
            ("$source", report.Source.ToWire()),
            ("$detail", report.Detail));

    /// <summary>Queues a report that is not a command state: a command issued at home, a dose, the clock.</summary>
    private void AddToOutbox(SqliteTransaction transaction, string kind, string payload, Guid? commandId = null) =>
        _connection.Execute(
            "INSERT INTO outbox (kind, payload, command_id, state, at, source) VALUES ($kind, $payload, $command, '', 0, '')",
            transaction,
            ("$kind", kind),
            ("$payload", payload),
            ("$command", commandId?.ToString() ?? ""));

    private static OutboxEntry ReadOutbox(SqliteDataReader r)
    {
        var sequence = r.GetInt64("seq");
        var kind = r.GetString("kind");
        var payload = r.GetNullableString("payload");
        return kind switch
        {
            OutboxKinds.CommandState => new OutboxEntry(sequence, kind, Report: new CommandStateReport(
                Guid.Parse(r.GetString("command_id")),
                WireNames.ParseState(r.GetString("state")),
                UnixTime.FromUnixMs(r.GetInt64("at")),
                WireNames.ParseSource(r.GetString("source")),
                r.GetNullableString("detail"))),
            OutboxKinds.CommandIssued => new OutboxEntry(sequence, kind, Issued: JsonSerializer.Deserialize(payload!, WillowJsonContext.Default.CommandEnvelope)),
            OutboxKinds.Dose => new OutboxEntry(sequence, kind, Dose: JsonSerializer.Deserialize(payload!, WillowJsonContext.Default.DoseReport)),
            OutboxKinds.Clock => new OutboxEntry(sequence, kind, Clock: JsonSerializer.Deserialize(payload!, WillowJsonContext.Default.ClockReport)),
            OutboxKinds.Readings => new OutboxEntry(sequence, kind, Readings: JsonSerializer.Deserialize(payload!, WillowJsonContext.Default.DeviceReadings)),
            _ => throw new InvalidOperationException($"Unknown outbox entry kind '{kind}'."),
        };
    }

    private static RelayedCommand Read(SqliteDataReader reader) => new(
        JsonSerializer.Deserialize(reader.GetString("envelope"), WillowJsonContext.Default.CommandEnvelope)!,
        WireNames.ParseState(reader.GetString("state")),
        reader.GetNullableString("detail"),
        UnixTime.FromUnixMs(reader.GetInt64("received_at")),
        UnixTime.FromUnixMs(reader.GetNullableInt64("started_at")),
        UnixTime.FromUnixMs(reader.GetNullableInt64("finished_at")));
}
