using System.Text.Json;
using Microsoft.Data.Sqlite;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Sqlite;

namespace Willow.Agent.Journal;

/// <summary>
/// The agent's durable record of every command it was asked to carry out. The intent is committed (and
/// fsynced) before anything moves and the outcome after, so that after a crash the agent knows which
/// commands may have moved the hardware: those it marks <c>uncertain</c> and never runs again.
/// </summary>
public sealed class ActuationJournal : IDisposable
{
    public const string Interrupted =
        "The agent stopped while this was executing, so whether it moved is unknown. Check the device before giving another dose.";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE actuations (
            command_id      TEXT PRIMARY KEY,
            kind            TEXT NOT NULL,
            args            TEXT NOT NULL,
            dose_id         TEXT NULL,
            issued_at       INTEGER NOT NULL,
            expires_at      INTEGER NOT NULL,
            override_reason TEXT NULL,
            override_by     TEXT NULL,
            received_at     INTEGER NOT NULL,
            started_at      INTEGER NULL,
            state           TEXT NOT NULL,
            detail          TEXT NULL,
            finished_at     INTEGER NULL,
            reported_at     INTEGER NULL
        );
        CREATE INDEX ix_actuations_kind_started ON actuations (kind, started_at);
        CREATE INDEX ix_actuations_unreported ON actuations (reported_at) WHERE reported_at IS NULL;
        """,
    ];

    private const string Columns = "command_id, kind, state, detail, received_at, started_at, finished_at";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public ActuationJournal(string path)
    {
        var database = new SqliteDatabase(path);
        database.Migrate(Migrations);
        _connection = database.Open();
        Path = database.Path;
    }

    public string Path { get; }

    /// <summary>
    /// Marks every intent that has no outcome as <c>uncertain</c>. Called once at start-up, before the
    /// agent takes any request; returns the entries it marked.
    /// </summary>
    public IReadOnlyList<JournalEntry> RecoverInterrupted(DateTimeOffset now)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var interrupted = _connection.Query(
                $"SELECT {Columns} FROM actuations WHERE state = 'executing'", Read, transaction);
            _connection.Execute(
                "UPDATE actuations SET state = 'uncertain', detail = $detail, finished_at = $now WHERE state = 'executing'",
                transaction,
                ("$detail", Interrupted),
                ("$now", now.ToUnixMs()));
            transaction.Commit();
            return [.. interrupted.Select(e => e with { State = CommandState.Uncertain, Detail = Interrupted, FinishedAt = now })];
        }
    }

    public JournalEntry? Find(Guid commandId)
    {
        lock (_gate)
        {
            return _connection.Query(
                $"SELECT {Columns} FROM actuations WHERE command_id = $id", Read, null, ("$id", commandId.ToString())).SingleOrDefault();
        }
    }

    /// <summary>
    /// When the last dispense that may have released something started: succeeded, uncertain, or still
    /// executing. A failed dispense (nothing fell) does not start a lockout.
    /// </summary>
    public DateTimeOffset? LastDispenseStartedAt()
    {
        lock (_gate)
        {
            var value = _connection.Scalar(
                "SELECT MAX(started_at) FROM actuations WHERE kind = $kind AND state IN ('executing', 'succeeded', 'uncertain')",
                null,
                ("$kind", CommandKinds.Dispense));
            return value is long ms ? UnixTime.FromUnixMs(ms) : null;
        }
    }

    /// <summary>Records a command that will not run (expired, refused): nothing moves, and a repeat gets the same answer.</summary>
    public JournalEntry RecordWithoutIntent(ActuationRequest request, CommandState state, string detail, DateTimeOffset at)
    {
        lock (_gate)
        {
            Insert(request, state, detail, at, startedAt: null, finishedAt: at);
            return new JournalEntry(request.CommandId, request.Kind, state, detail, at, null, at);
        }
    }

    /// <summary>Commits the intent to act. Only after this returns may the hardware move.</summary>
    public JournalEntry WriteIntent(ActuationRequest request, DateTimeOffset startedAt)
    {
        lock (_gate)
        {
            Insert(request, CommandState.Executing, null, startedAt, startedAt, finishedAt: null);
            return new JournalEntry(request.CommandId, request.Kind, CommandState.Executing, null, startedAt, startedAt, null);
        }
    }

    public JournalEntry WriteOutcome(Guid commandId, CommandState state, string? detail, DateTimeOffset finishedAt)
    {
        if (!state.IsFinal())
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "An outcome is a final state.");
        }

        lock (_gate)
        {
            var updated = _connection.Execute(
                "UPDATE actuations SET state = $state, detail = $detail, finished_at = $at WHERE command_id = $id AND state = 'executing'",
                null,
                ("$state", state.ToWire()),
                ("$detail", detail),
                ("$at", finishedAt.ToUnixMs()),
                ("$id", commandId.ToString()));
            if (updated != 1)
            {
                throw new InvalidOperationException($"Command {commandId} has no open intent in the journal.");
            }

            return _connection.Query(
                $"SELECT {Columns} FROM actuations WHERE command_id = $id", Read, null, ("$id", commandId.ToString())).Single();
        }
    }

    /// <summary>Final entries whose outcome has not been reported to the hub yet (direct mode).</summary>
    public IReadOnlyList<JournalEntry> Unreported()
    {
        lock (_gate)
        {
            return _connection.Query(
                $"SELECT {Columns} FROM actuations WHERE reported_at IS NULL AND state <> 'executing' ORDER BY received_at", Read);
        }
    }

    public void MarkReported(Guid commandId, DateTimeOffset at)
    {
        lock (_gate)
        {
            _connection.Execute(
                "UPDATE actuations SET reported_at = $at WHERE command_id = $id",
                null,
                ("$at", at.ToUnixMs()),
                ("$id", commandId.ToString()));
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Insert(ActuationRequest request, CommandState state, string? detail, DateTimeOffset receivedAt, DateTimeOffset? startedAt, DateTimeOffset? finishedAt)
    {
        _connection.Execute(
            """
            INSERT INTO actuations (command_id, kind, args, dose_id, issued_at, expires_at, override_reason, override_by,
                                    received_at, started_at, state, detail, finished_at)
            VALUES ($id, $kind, $args, $dose, $issued, $expires, $reason, $by, $received, $started, $state, $detail, $finished)
            """,
            null,
            ("$id", request.CommandId.ToString()),
            ("$kind", request.Kind),
            ("$args", request.Args.ValueKind == JsonValueKind.Undefined ? "{}" : request.Args.GetRawText()),
            ("$dose", request.DoseId?.ToString()),
            ("$issued", request.IssuedAt.ToUnixMs()),
            ("$expires", request.ExpiresAt.ToUnixMs()),
            ("$reason", request.LockoutOverride?.Reason),
            ("$by", request.LockoutOverride?.By),
            ("$received", receivedAt.ToUnixMs()),
            ("$started", startedAt.ToUnixMs()),
            ("$state", state.ToWire()),
            ("$detail", detail),
            ("$finished", finishedAt.ToUnixMs()));
    }

    private static JournalEntry Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString("command_id")),
        reader.GetString("kind"),
        WireNames.ParseState(reader.GetString("state")),
        reader.GetNullableString("detail"),
        UnixTime.FromUnixMs(reader.GetInt64("received_at")),
        UnixTime.FromUnixMs(reader.GetNullableInt64("started_at")),
        UnixTime.FromUnixMs(reader.GetNullableInt64("finished_at")));
}
