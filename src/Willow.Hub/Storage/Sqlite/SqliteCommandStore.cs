using System.Text.Json;
using Microsoft.Data.Sqlite;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Hub.Audit;
using Willow.Hub.Commands;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

/// <summary>
/// Commands in SQLite. Every decision that depends on the current state runs inside one
/// <c>BEGIN IMMEDIATE</c> transaction, so concurrent writers are serialised by the database.
/// </summary>
public sealed class SqliteCommandStore(SqliteDatabase database) : ICommandStore
{
    private const string Columns =
        "id, household_id, device_id, kind, args, issued_by, issued_at, expires_at, dose_id, idempotency_key, override_reason, override_by, state, state_source, updated_at";

    public Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(
        IdempotencyKeyScope scope, string requestHash, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => Claim(connection, transaction, scope, requestHash, now, lease), cancellationToken);

    private static IdempotencyClaim Claim(
        SqliteConnection connection, SqliteTransaction transaction, IdempotencyKeyScope scope, string requestHash, DateTimeOffset now, TimeSpan lease)
    {
        var parameters = KeyParameters(scope);
        var existing = connection.Query(
            "SELECT request_hash, command_id, claimed_at FROM idempotency_keys WHERE household_id = $household AND caller = $caller AND key = $key",
            r => (Hash: r.GetString("request_hash"), CommandId: r.GetNullableString("command_id"), ClaimedAt: r.GetInt64("claimed_at")),
            transaction,
            parameters).SingleOrDefault();

        IdempotencyClaim claim;
        if (existing.Hash is null || (existing.CommandId is null && existing.ClaimedAt <= (now - lease).ToUnixMs()))
        {
            connection.Execute(
                """
                INSERT INTO idempotency_keys (household_id, caller, key, request_hash, command_id, claimed_at)
                VALUES ($household, $caller, $key, $hash, NULL, $now)
                ON CONFLICT (household_id, caller, key) DO UPDATE SET request_hash = excluded.request_hash, claimed_at = excluded.claimed_at
                """,
                transaction,
                [.. parameters, ("$hash", requestHash), ("$now", now.ToUnixMs())]);
            claim = IdempotencyClaim.Claimed;
        }
        else if (existing.CommandId is null)
        {
            // Still being accepted: whatever its body, the first request has not finished.
            claim = IdempotencyClaim.InProgress;
        }
        else if (existing.Hash != requestHash)
        {
            claim = IdempotencyClaim.Mismatch;
        }
        else
        {
            claim = IdempotencyClaim.Replay(Guid.Parse(existing.CommandId));
        }

        return claim;
    }

    public Task ReleaseIdempotencyKeyAsync(IdempotencyKeyScope scope, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "DELETE FROM idempotency_keys WHERE household_id = $household AND caller = $caller AND key = $key AND command_id IS NULL",
                transaction,
                KeyParameters(scope)),
            cancellationToken);

    public Task<CommandRecord> CreateAsync(CommandEnvelope command, IdempotencyKeyScope? idempotencyKey, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => Create(connection, transaction, command, idempotencyKey, audit), cancellationToken);

    private static CommandRecord Create(
        SqliteConnection connection, SqliteTransaction transaction, CommandEnvelope command, IdempotencyKeyScope? idempotencyKey, IReadOnlyList<AuditEntry> audit)
    {
        foreach (var entry in audit)
        {
            SqliteAuditStore.Insert(connection, transaction, entry);
        }

        InsertCommand(connection, transaction, command, CommandState.Queued, EventSource.Hub, ifAbsent: false);
        var detail = command.LockoutOverride is { } o ? $"Issued by {command.IssuedBy}, overriding the lockout: {o.Reason}" : $"Issued by {command.IssuedBy}.";
        var queued = new CommandEvent(CommandState.Queued, command.IssuedAt, EventSource.Hub, detail);
        InsertEvent(connection, transaction, command.Id, queued);
        if (idempotencyKey is not null)
        {
            connection.Execute(
                "UPDATE idempotency_keys SET command_id = $command WHERE household_id = $household AND caller = $caller AND key = $key",
                transaction,
                [.. KeyParameters(idempotencyKey), ("$command", command.Id.ToString())]);
        }

        // What was just written, without reading it back: this sits on the path of every "feed now".
        return new CommandRecord(command, CommandState.Queued, EventSource.Hub, command.IssuedAt, [queued]);
    }

    public Task<bool> RecordIssuedAtHomeAsync(CommandEnvelope command, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var inserted = InsertCommand(connection, transaction, command, CommandState.Delivered, EventSource.Gateway, ifAbsent: true);
                if (inserted == 1)
                {
                    foreach (var entry in audit)
                    {
                        SqliteAuditStore.Insert(connection, transaction, entry);
                    }

                    InsertEvent(connection, transaction, command.Id, new CommandEvent(
                        CommandState.Delivered, command.IssuedAt, EventSource.Gateway, $"Issued at home by {command.IssuedBy}."));
                }

                return inserted == 1;
            },
            cancellationToken);

    public Task<CommandRecord?> GetAsync(Guid householdId, Guid commandId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => Load(connection, null, householdId, commandId)));

    public Task<IReadOnlyList<TransitionResult>> ApplyAsync(Guid householdId, IReadOnlyList<CommandStateReport> reports, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<TransitionResult>>(
            (connection, transaction) => [.. reports.Select(report => Apply(connection, transaction, householdId, report))],
            cancellationToken);

    private static TransitionResult Apply(SqliteConnection connection, SqliteTransaction transaction, Guid householdId, CommandStateReport report)
    {
        var current = Load(connection, transaction, householdId, report.CommandId, withEvents: false);
        if (current is null)
        {
            return new TransitionResult(TransitionDecision.Conflict, null);
        }

        var decision = CommandStateMachine.Decide(current.State, current.StateSource, report.State, report.Source);
        if (decision.Changes())
        {
            var detail = decision == TransitionDecision.Overturn
                ? $"The home reports this after the hub had marked it {current.State.ToWire()}; what the home did stands. {report.Detail}".TrimEnd()
                : report.Detail;
            connection.Execute(
                "UPDATE commands SET state = $state, state_source = $source, updated_at = $at WHERE id = $id",
                transaction,
                ("$state", report.State.ToWire()),
                ("$source", report.Source.ToWire()),
                ("$at", report.At.ToUnixMs()),
                ("$id", report.CommandId.ToString()));
            InsertEvent(connection, transaction, report.CommandId, new CommandEvent(report.State, report.At, report.Source, detail));
            ConsumePortions(connection, transaction, current, report.State);
        }

        return new TransitionResult(decision, Load(connection, transaction, householdId, report.CommandId)!, current.State);
    }

    public Task<IReadOnlyList<CommandRecord>> ListRecentAsync(Guid householdId, string? deviceId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read<IReadOnlyList<CommandRecord>>(connection =>
        {
            var rows = connection.Query(
            $"""
            SELECT {Columns} FROM commands
            WHERE household_id = $household AND ($device IS NULL OR device_id = $device)
            ORDER BY issued_at DESC, rowid DESC LIMIT $limit
            """,
            ReadRow,
            null,
            ("$household", householdId.ToString()),
            ("$device", deviceId),
            ("$limit", limit));
            return [.. rows.Select(r => r.ToRecord(LoadEvents(connection, null, r.Envelope.Id)))];
        }));

    public Task<IReadOnlyList<CommandEnvelope>> ListOpenForGatewayAsync(Guid householdId, string gatewayId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CommandEnvelope>>(database.Read(connection => connection.Query(
            $"""
            SELECT {string.Join(", ", Columns.Split(", ").Select(c => "c." + c))} FROM commands c
            JOIN devices d ON d.household_id = c.household_id AND d.device_id = c.device_id
            WHERE c.household_id = $household AND d.link = 'gateway' AND d.gateway_id = $gateway
              AND (c.state IN ('delivered', 'executing') OR (c.state = 'queued' AND c.expires_at > $now))
            ORDER BY c.issued_at, c.rowid
            """,
            ReadRow,
            null,
            ("$household", householdId.ToString()),
            ("$gateway", gatewayId),
            ("$now", now.ToUnixMs())).Select(r => r.Envelope).ToList()));

    public Task<CommandRecord?> TakeNextForDirectDeviceAsync(Guid householdId, string deviceId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => TakeNext(connection, transaction, householdId, deviceId, now), cancellationToken);

    private static CommandRecord? TakeNext(SqliteConnection connection, SqliteTransaction transaction, Guid householdId, string deviceId, DateTimeOffset now)
    {

        // A command the device took but never reported on (it restarted before acting) is handed out again
        // first: the device's journal answers it without acting twice.
        var next = connection.Query(
            $"""
            SELECT {Columns} FROM commands
            WHERE household_id = $household AND device_id = $device
              AND (state = 'delivered' OR (state = 'queued' AND expires_at > $now))
            ORDER BY CASE state WHEN 'delivered' THEN 0 ELSE 1 END, issued_at, rowid
            LIMIT 1
            """,
            ReadRow,
            transaction,
            ("$household", householdId.ToString()),
            ("$device", deviceId),
            ("$now", now.ToUnixMs())).SingleOrDefault();
        if (next is null)
        {
            return null;
        }

        if (next.State == CommandState.Queued)
        {
            connection.Execute(
                "UPDATE commands SET state = 'delivered', state_source = 'hub', updated_at = $now WHERE id = $id",
                transaction,
                ("$now", now.ToUnixMs()),
                ("$id", next.Envelope.Id.ToString()));
            InsertEvent(connection, transaction, next.Envelope.Id, new CommandEvent(CommandState.Delivered, now, EventSource.Hub, "Handed to the device, which polled for it."));
        }

        return Load(connection, transaction, householdId, next.Envelope.Id);
    }

    public Task<IReadOnlyList<CommandRecord>> ExpireOverdueAsync(DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<CommandRecord>>((connection, transaction) => Expire(connection, transaction, cutoff, now), cancellationToken);

    private static List<CommandRecord> Expire(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset cutoff, DateTimeOffset now)
    {
        var overdue = connection.Query(
            $"SELECT {Columns} FROM commands WHERE state = 'queued' AND expires_at <= $cutoff",
            ReadRow,
            transaction,
            ("$cutoff", cutoff.ToUnixMs()));
        var expired = new List<CommandRecord>(overdue.Count);
        foreach (var row in overdue)
        {
            connection.Execute(
                "UPDATE commands SET state = 'expired', state_source = 'hub', updated_at = $now WHERE id = $id",
                transaction,
                ("$now", now.ToUnixMs()),
                ("$id", row.Envelope.Id.ToString()));
            InsertEvent(connection, transaction, row.Envelope.Id, new CommandEvent(
                CommandState.Expired, now, EventSource.Hub, $"The home did not take it before it expired at {row.Envelope.ExpiresAt:u}; it will never run."));
            expired.Add(Load(connection, transaction, row.Envelope.HouseholdId, row.Envelope.Id)!);
        }

        return expired;
    }

    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute("DELETE FROM idempotency_keys WHERE claimed_at < $cutoff", transaction, ("$cutoff", cutoff.ToUnixMs())),
            cancellationToken);

    private static int InsertCommand(
        SqliteConnection connection, SqliteTransaction transaction, CommandEnvelope command, CommandState state, EventSource source, bool ifAbsent) =>
        connection.Execute(
            $"""
            INSERT {(ifAbsent ? "OR IGNORE " : "")}INTO commands ({Columns})
            VALUES ($id, $household, $device, $kind, $args, $issuedBy, $issuedAt, $expiresAt, $dose, $key, $reason, $by, $state, $source, $issuedAt)
            """,
            transaction,
            ("$id", command.Id.ToString()),
            ("$household", command.HouseholdId.ToString()),
            ("$device", command.DeviceId),
            ("$kind", command.Kind),
            ("$args", command.Args.GetRawText()),
            ("$issuedBy", command.IssuedBy),
            ("$issuedAt", command.IssuedAt.ToUnixMs()),
            ("$expiresAt", command.ExpiresAt.ToUnixMs()),
            ("$dose", command.DoseId?.ToString()),
            ("$key", command.IdempotencyKey),
            ("$reason", command.LockoutOverride?.Reason),
            ("$by", command.LockoutOverride?.By),
            ("$state", state.ToWire()),
            ("$source", source.ToWire()));

    /// <summary>
    /// Takes a dispense's portions from the dispenser's remaining count (<see cref="CommandKinds.TakesPortions"/>),
    /// in the same transaction as the state change, so it is counted exactly once.
    /// </summary>
    private static void ConsumePortions(SqliteConnection connection, SqliteTransaction transaction, CommandRecord before, CommandState next)
    {
        if (!CommandKinds.TakesPortions(before.Envelope.Kind, next) || CommandKinds.TakesPortions(before.Envelope.Kind, before.State))
        {
            return;
        }

        connection.Execute(
            """
            UPDATE devices SET remaining = MAX(remaining - $portions, 0)
            WHERE household_id = $household AND device_id = $device AND remaining IS NOT NULL
            """,
            transaction,
            ("$portions", CommandArgs.ReadDispense(before.Envelope.Args).Portions),
            ("$household", before.Envelope.HouseholdId.ToString()),
            ("$device", before.Envelope.DeviceId));
    }


    private static (string, object?)[] KeyParameters(IdempotencyKeyScope scope) =>
        [("$household", scope.HouseholdId.ToString()), ("$caller", scope.Caller), ("$key", scope.Key)];

    private static CommandRecord? Load(SqliteConnection connection, SqliteTransaction? transaction, Guid householdId, Guid commandId, bool withEvents = true)
    {
        var row = connection.Query(
            $"SELECT {Columns} FROM commands WHERE id = $id AND household_id = $household",
            ReadRow,
            transaction,
            ("$id", commandId.ToString()),
            ("$household", householdId.ToString())).SingleOrDefault();
        return row?.ToRecord(withEvents ? LoadEvents(connection, transaction, commandId) : []);
    }

    private static List<CommandEvent> LoadEvents(SqliteConnection connection, SqliteTransaction? transaction, Guid commandId) =>
        connection.Query(
            "SELECT state, at, source, detail FROM command_events WHERE command_id = $id ORDER BY seq",
            r => new CommandEvent(
                WireNames.ParseState(r.GetString("state")),
                UnixTime.FromUnixMs(r.GetInt64("at")),
                WireNames.ParseSource(r.GetString("source")),
                r.GetNullableString("detail")),
            transaction,
            ("$id", commandId.ToString()));

    private static void InsertEvent(SqliteConnection connection, SqliteTransaction transaction, Guid commandId, CommandEvent e) =>
        connection.Execute(
            "INSERT INTO command_events (command_id, state, at, source, detail) VALUES ($id, $state, $at, $source, $detail)",
            transaction,
            ("$id", commandId.ToString()),
            ("$state", e.State.ToWire()),
            ("$at", e.At.ToUnixMs()),
            ("$source", e.Source.ToWire()),
            ("$detail", e.Detail));

    private static Row ReadRow(SqliteDataReader reader)
    {
        var reason = reader.GetNullableString("override_reason");
        var envelope = new CommandEnvelope(
            Guid.Parse(reader.GetString("id")),
            Guid.Parse(reader.GetString("household_id")),
            reader.GetString("device_id"),
            reader.GetString("kind"),
            JsonElement.Parse(reader.GetString("args")),
            reader.GetString("issued_by"),
            UnixTime.FromUnixMs(reader.GetInt64("issued_at")),
            UnixTime.FromUnixMs(reader.GetInt64("expires_at")),
            reader.GetNullableString("dose_id") is { } dose ? Guid.Parse(dose) : null,
            reader.GetNullableString("idempotency_key"),
            reason is null ? null : new LockoutOverride(reason, reader.GetNullableString("override_by") ?? "unknown"));
        return new Row(
            envelope,
            WireNames.ParseState(reader.GetString("state")),
            WireNames.ParseSource(reader.GetString("state_source")),
            UnixTime.FromUnixMs(reader.GetInt64("updated_at")));
    }

    private sealed record Row(CommandEnvelope Envelope, CommandState State, EventSource StateSource, DateTimeOffset UpdatedAt)
    {
        public CommandRecord ToRecord(IReadOnlyList<CommandEvent> events) => new(Envelope, State, StateSource, UpdatedAt, events);
    }
}
