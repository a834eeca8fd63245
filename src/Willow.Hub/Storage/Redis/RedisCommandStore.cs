using System.Text.Json;
using StackExchange.Redis;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Hub.Audit;
using Willow.Hub.Commands;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// Commands in Redis. A command is a hash (<c>command:{id}</c>, with a version <c>v</c> bumped by every
/// write) and its timeline a list beside it; sorted sets by issue time list a household's and a device's
/// commands, a device's open ones, and every queued one by expiry for the sweeper. Every state change is
/// decided by <see cref="CommandStateMachine"/> and written only if the version is still the one read.
/// </summary>
public sealed class RedisCommandStore(RedisStorage redis) : ICommandStore
{
    private IDatabase Db => redis.Database;

    private RedisKey CommandKey(Guid id) => redis.Key($"command:{id}");

    private RedisKey EventsKey(Guid id) => redis.Key($"command:{id}:events");

    private RedisKey HouseholdCommands(Guid householdId) => redis.Key($"household:{householdId}:commands");

    private RedisKey DeviceCommands(Guid householdId, string deviceId) => redis.Key($"household:{householdId}:device:{deviceId}:commands");

    private RedisKey DeviceOpen(Guid householdId, string deviceId) => redis.Key($"household:{householdId}:device:{deviceId}:open-commands");

    private RedisKey Queued => redis.Key("commands:queued");

    private RedisKey IdempotencyIndex => redis.Key("idempotency-keys");

    /// <summary>Numbers commands as they are stored: commands issued in the same millisecond keep their order.</summary>
    private RedisKey Sequence => redis.Key("commands:sequence");

    private RedisKey IdempotencyKey(IdempotencyKeyScope scope) => redis.Key($"idempotency:{scope.HouseholdId}:{scope.Caller}:{scope.Key}");

    public Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(
        IdempotencyKeyScope scope, string requestHash, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        redis.TransactAsync(
            async transaction =>
            {
                var key = IdempotencyKey(scope);
                var existing = StoredHash.From(await Db.HashGetAllAsync(key));
                if (existing is null || (!existing.Has("command") && existing.Long("claimedAt") <= (now - lease).ToUnixMs()))
                {
                    transaction.AddCondition(existing is null ? Condition.KeyNotExists(key) : Condition.HashEqual(key, "claimedAt", existing.Raw("claimedAt")));
                    _ = transaction.HashSetAsync(key, new HashFields().Add("hash", requestHash).Add("claimedAt", now).ToArray());
                    _ = transaction.SortedSetAddAsync(IdempotencyIndex, key.ToString(), now.ToUnixMs());
                    return IdempotencyClaim.Claimed;
                }

                // Still being accepted: whatever its body, the first request has not finished.
                return !existing.Has("command") ? IdempotencyClaim.InProgress
                    : existing.String("hash") != requestHash ? IdempotencyClaim.Mismatch
                    : IdempotencyClaim.Replay(existing.Guid("command"));
            },
            cancellationToken);

    public Task ReleaseIdempotencyKeyAsync(IdempotencyKeyScope scope, CancellationToken cancellationToken) =>
        redis.TransactAsync(
            transaction =>
            {
                var key = IdempotencyKey(scope);
                transaction.AddCondition(Condition.HashNotExists(key, "command"));
                _ = transaction.KeyDeleteAsync(key);
                _ = transaction.SortedSetRemoveAsync(IdempotencyIndex, key.ToString());
                return Task.FromResult(0);
            },
            cancellationToken);

    public async Task<CommandRecord> CreateAsync(
        CommandEnvelope command, IdempotencyKeyScope? idempotencyKey, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        var entries = await RedisAuditStore.NumberAsync(redis, audit);
        var number = await Db.StringIncrementAsync(Sequence);
        var detail = command.LockoutOverride is { } o ? $"Issued by {command.IssuedBy}, overriding the lockout: {o.Reason}" : $"Issued by {command.IssuedBy}.";
        var queued = new CommandEvent(CommandState.Queued, command.IssuedAt, EventSource.Hub, detail);
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(CommandKey(command.Id)));
        foreach (var entry in entries)
        {
            RedisAuditStore.Append(redis, transaction, entry);
        }

        WriteNew(transaction, command, number, CommandState.Queued, EventSource.Hub, queued);
        if (idempotencyKey is not null)
        {
            _ = transaction.HashSetAsync(IdempotencyKey(idempotencyKey), "command", command.Id.ToString());
        }

        if (!await transaction.ExecuteAsync())
        {
            throw new InvalidOperationException($"Command {command.Id} exists already.");
        }

        // What was just written, without reading it back: this sits on the path of every "feed now".
        return new CommandRecord(command, CommandState.Queued, EventSource.Hub, command.IssuedAt, [queued]);
    }

    public async Task<bool> RecordIssuedAtHomeAsync(CommandEnvelope command, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        var entries = await RedisAuditStore.NumberAsync(redis, audit);
        var number = await Db.StringIncrementAsync(Sequence);
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(CommandKey(command.Id)));
        foreach (var entry in entries)
        {
            RedisAuditStore.Append(redis, transaction, entry);
        }

        WriteNew(transaction, command, number, CommandState.Delivered, EventSource.Gateway,
            new CommandEvent(CommandState.Delivered, command.IssuedAt, EventSource.Gateway, $"Issued at home by {command.IssuedBy}."));
        return await transaction.ExecuteAsync();
    }

    private void WriteNew(ITransaction transaction, CommandEnvelope command, long number, CommandState state, EventSource source, CommandEvent first)
    {
        _ = transaction.HashSetAsync(CommandKey(command.Id), new HashFields()
            .Add("household", command.HouseholdId)
            .Add("device", command.DeviceId)
            .Add("kind", command.Kind)
            .Add("args", command.Args.GetRawText())
            .Add("issuedBy", command.IssuedBy)
            .Add("issuedAt", command.IssuedAt)
            .Add("expiresAt", command.ExpiresAt)
            .Add("dose", command.DoseId)
            .Add("idempotencyKey", command.IdempotencyKey)
            .Add("overrideReason", command.LockoutOverride?.Reason)
            .Add("overrideBy", command.LockoutOverride?.By)
            .Add("state", state.ToWire())
            .Add("source", source.ToWire())
            .Add("updatedAt", command.IssuedAt)
            .Add("v", 1)
            .Add("n", number)
            .ToArray());
        _ = transaction.ListRightPushAsync(EventsKey(command.Id), Serialize(first));
        var issued = command.IssuedAt.ToUnixMs();
        var member = command.Id.ToString();
        _ = transaction.SortedSetAddAsync(HouseholdCommands(command.HouseholdId), member, issued);
        _ = transaction.SortedSetAddAsync(DeviceCommands(command.HouseholdId, command.DeviceId), member, issued);
        _ = transaction.SortedSetAddAsync(DeviceOpen(command.HouseholdId, command.DeviceId), member, issued);
        if (state == CommandState.Queued)
        {
            _ = transaction.SortedSetAddAsync(Queued, member, command.ExpiresAt.ToUnixMs());
        }
    }

    public Task<CommandRecord?> GetAsync(Guid householdId, Guid commandId, CancellationToken cancellationToken) => LoadAsync(householdId, commandId);

    public Task<IReadOnlyList<TransitionResult>> ApplyAsync(Guid householdId, IReadOnlyList<CommandStateReport> reports, CancellationToken cancellationToken) =>
        redis.TransactAsync<IReadOnlyList<TransitionResult>>(
            async transaction =>
            {
                // Each command read once; a batch may report it twice (executing, then succeeded), decided in order.
                var current = new Dictionary<Guid, Row?>();
                var results = new List<TransitionResult>(reports.Count);
                var deviceRemaining = new Dictionary<RedisKey, long?>();
                foreach (var report in reports)
                {
                    if (!current.TryGetValue(report.CommandId, out var row))
                    {
                        row = await LoadRowAsync(householdId, report.CommandId);
                        current[report.CommandId] = row;
                        transaction.AddCondition(row is null
                            ? Condition.KeyNotExists(CommandKey(report.CommandId))
                            : Condition.HashEqual(CommandKey(report.CommandId), "v", row.Version));
                    }

                    if (row is null)
                    {
                        results.Add(new TransitionResult(TransitionDecision.Conflict, null));
                        continue;
                    }

                    var before = row.State;
                    var decision = CommandStateMachine.Decide(row.State, row.StateSource, report.State, report.Source);
                    if (decision.Changes())
                    {
                        var detail = decision == TransitionDecision.Overturn
                            ? $"The home reports this after the hub had marked it {row.State.ToWire()}; what the home did stands. {report.Detail}".TrimEnd()
                            : report.Detail;
                        await ConsumePortionsAsync(transaction, row, report.State, deviceRemaining);
                        row = Move(transaction, row, new CommandEvent(report.State, report.At, report.Source, detail));
                        current[report.CommandId] = row;
                    }

                    var stored = await Db.ListRangeAsync(EventsKey(report.CommandId));
                    results.Add(new TransitionResult(decision, row.ToRecord([.. stored.Select(Deserialize), .. row.PendingEvents]), before));
                }

                return results;
            },
            cancellationToken);

    /// <summary>Queues a state change on the transaction and returns the row as it will then stand.</summary>
    private Row Move(ITransaction transaction, Row row, CommandEvent next)
    {
        var id = row.Envelope.Id;
        _ = transaction.HashSetAsync(CommandKey(id), new HashFields()
            .Add("state", next.State.ToWire())
            .Add("source", next.Source.ToWire())
            .Add("updatedAt", next.At)
            .ToArray());
        _ = transaction.HashIncrementAsync(CommandKey(id), "v");
        _ = transaction.ListRightPushAsync(EventsKey(id), Serialize(next));
        if (row.State == CommandState.Queued && next.State != CommandState.Queued)
        {
            _ = transaction.SortedSetRemoveAsync(Queued, id.ToString());
        }

        var open = DeviceOpen(row.Envelope.HouseholdId, row.Envelope.DeviceId);
        if (next.State.IsFinal())
        {
            _ = transaction.SortedSetRemoveAsync(open, id.ToString());
        }
        else if (row.State.IsFinal())
        {
            _ = transaction.SortedSetAddAsync(open, id.ToString(), row.Envelope.IssuedAt.ToUnixMs());
        }

        return row with
        {
            State = next.State,
            StateSource = next.Source,
            UpdatedAt = next.At,
            PendingEvents = [.. row.PendingEvents, next],
        };
    }

    /// <summary>
    /// Takes a dispense's portions from the dispenser's remaining count (<see cref="CommandKinds.TakesPortions"/>)
    /// in the same transaction as the state change, on the condition that the count is still what was read.
    /// </summary>
    private async Task ConsumePortionsAsync(ITransaction transaction, Row before, CommandState next, Dictionary<RedisKey, long?> remaining)
    {
        if (!CommandKinds.TakesPortions(before.Envelope.Kind, next) || CommandKinds.TakesPortions(before.Envelope.Kind, before.State))
        {
            return;
        }

        var device = RedisDeviceStore.DeviceKey(redis, before.Envelope.HouseholdId, before.Envelope.DeviceId);
        if (!remaining.TryGetValue(device, out var left))
        {
            var stored = await Db.HashGetAsync(device, "remaining");
            left = stored.IsNull ? null : (long)stored;
            transaction.AddCondition(left is null ? Condition.HashNotExists(device, "remaining") : Condition.HashEqual(device, "remaining", left.Value));
        }

        if (left is { } count)
        {
            var after = Math.Max(count - CommandArgs.ReadDispense(before.Envelope.Args).Portions, 0);
            remaining[device] = after;
            _ = transaction.HashSetAsync(device, "remaining", after);
        }
    }

    public async Task<IReadOnlyList<CommandRecord>> ListRecentAsync(Guid householdId, string? deviceId, int limit, CancellationToken cancellationToken)
    {
        var index = deviceId is null ? HouseholdCommands(householdId) : DeviceCommands(householdId, deviceId);
        var ids = await Db.SortedSetRangeByRankAsync(index, 0, limit - 1, Order.Descending);
        var rows = await Task.WhenAll(ids.Select(id => LoadRowAsync(householdId, Guid.Parse(id.ToString()))));
        var records = new List<CommandRecord>(rows.Length);
        foreach (var row in rows.OfType<Row>().OrderByDescending(r => r.Envelope.IssuedAt).ThenByDescending(r => r.Number))
        {
            records.Add(row.ToRecord([.. (await Db.ListRangeAsync(EventsKey(row.Envelope.Id))).Select(Deserialize)]));
        }

        return records;
    }

    public async Task<IReadOnlyList<CommandEnvelope>> ListOpenForGatewayAsync(Guid householdId, string gatewayId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var devices = await RedisDeviceStore.ListRecordsAsync(redis, householdId);
        var open = new List<Row>();
        foreach (var device in devices.Where(d => d.Link == Devices.DeviceLink.Gateway && d.GatewayId == gatewayId))
        {
            foreach (var id in await Db.SortedSetRangeByRankAsync(DeviceOpen(householdId, device.DeviceId)))
            {
                if (await LoadRowAsync(householdId, Guid.Parse(id.ToString())) is { } row
                    && (row.State is CommandState.Delivered or CommandState.Executing || (row.State == CommandState.Queued && row.Envelope.ExpiresAt > now)))
                {
                    open.Add(row);
                }
            }
        }

        return [.. open.OrderBy(r => r.Envelope.IssuedAt).ThenBy(r => r.Number).Select(r => r.Envelope)];
    }

    public async Task<CommandRecord?> TakeNextForDirectDeviceAsync(Guid householdId, string deviceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var taken = await redis.TransactAsync(
            async transaction =>
            {
                var rows = new List<Row>();
                foreach (var id in await Db.SortedSetRangeByRankAsync(DeviceOpen(householdId, deviceId)))
                {
                    if (await LoadRowAsync(householdId, Guid.Parse(id.ToString())) is { } row)
                    {
                        rows.Add(row);
                    }
                }

                // A command the device took but never reported on (it restarted before acting) is handed out again
                // first: the device's journal answers it without acting twice.
                var next = rows.Where(r => r.State == CommandState.Delivered || (r.State == CommandState.Queued && r.Envelope.ExpiresAt > now))
                    .OrderBy(r => r.State == CommandState.Delivered ? 0 : 1)
                    .ThenBy(r => r.Envelope.IssuedAt)
                    .ThenBy(r => r.Number)
                    .FirstOrDefault();
                if (next is { State: CommandState.Queued })
                {
                    transaction.AddCondition(Condition.HashEqual(CommandKey(next.Envelope.Id), "v", next.Version));
                    Move(transaction, next, new CommandEvent(CommandState.Delivered, now, EventSource.Hub, "Handed to the device, which polled for it."));
                }

                return next?.Envelope.Id;
            },
            cancellationToken);
        return taken is { } commandId ? await LoadAsync(householdId, commandId) : null;
    }

    public async Task<IReadOnlyList<CommandRecord>> ExpireOverdueAsync(DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = new List<CommandRecord>();
        foreach (var id in await Db.SortedSetRangeByScoreAsync(Queued, double.NegativeInfinity, cutoff.ToUnixMs()))
        {
            var commandId = Guid.Parse(id.ToString());
            var householdId = await Db.HashGetAsync(CommandKey(commandId), "household");
            if (householdId.IsNull)
            {
                await Db.SortedSetRemoveAsync(Queued, id);
                continue;
            }

            var done = await redis.TransactAsync(
                async transaction =>
                {
                    var row = await LoadRowAsync(Guid.Parse(householdId.ToString()), commandId);
                    if (row is not { State: CommandState.Queued } || row.Envelope.ExpiresAt > cutoff)
                    {
                        return false;
                    }

                    transaction.AddCondition(Condition.HashEqual(CommandKey(commandId), "v", row.Version));
                    Move(transaction, row, new CommandEvent(
                        CommandState.Expired, now, EventSource.Hub, $"The home did not take it before it expired at {row.Envelope.ExpiresAt:u}; it will never run."));
                    return true;
                },
                cancellationToken);
            if (done && await LoadAsync(Guid.Parse(householdId.ToString()), commandId) is { } record)
            {
                expired.Add(record);
            }
        }

        return expired;
    }

    public async Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var keys = await Db.SortedSetRangeByScoreAsync(IdempotencyIndex, double.NegativeInfinity, cutoff.ToUnixMs(), Exclude.Stop);
        var forgotten = 0;
        foreach (var key in keys)
        {
            // Only if it was not claimed again since it was listed.
            var transaction = Db.CreateTransaction();
            if (await Db.SortedSetScoreAsync(IdempotencyIndex, key) is not { } claimedAt)
            {
                continue;
            }

            transaction.AddCondition(Condition.SortedSetEqual(IdempotencyIndex, key, claimedAt));
            _ = transaction.KeyDeleteAsync(key.ToString());
            _ = transaction.SortedSetRemoveAsync(IdempotencyIndex, key);
            forgotten += await transaction.ExecuteAsync() ? 1 : 0;
        }

        return forgotten;
    }

    private async Task<CommandRecord?> LoadAsync(Guid householdId, Guid commandId)
    {
        var row = await LoadRowAsync(householdId, commandId);
        if (row is null)
        {
            return null;
        }

        var events = await Db.ListRangeAsync(EventsKey(commandId));
        return row.ToRecord([.. events.Select(Deserialize)]);
    }

    private async Task<Row?> LoadRowAsync(Guid householdId, Guid commandId)
    {
        var hash = StoredHash.From(await Db.HashGetAllAsync(CommandKey(commandId)));
        if (hash is null || hash.Guid("household") != householdId)
        {
            return null;
        }

        var reason = hash.NullableString("overrideReason");
        var envelope = new CommandEnvelope(
            commandId,
            householdId,
            hash.String("device"),
            hash.String("kind"),
            JsonElement.Parse(hash.String("args")),
            hash.String("issuedBy"),
            hash.Time("issuedAt"),
            hash.Time("expiresAt"),
            hash.NullableGuid("dose"),
            hash.NullableString("idempotencyKey"),
            reason is null ? null : new LockoutOverride(reason, hash.NullableString("overrideBy") ?? "unknown"));
        var state = WireNames.ParseState(hash.String("state"));
        return new Row(envelope, state, WireNames.ParseSource(hash.String("source")), hash.Time("updatedAt"), hash.Raw("v"), hash.NullableLong("n") ?? 0, []);
    }

    private static RedisValue Serialize(CommandEvent e) =>
        JsonSerializer.Serialize(new StoredCommandEvent(e.State.ToWire(), e.At.ToUnixMs(), e.Source.ToWire(), e.Detail), RedisJsonContext.Default.StoredCommandEvent);

    private static CommandEvent Deserialize(RedisValue value)
    {
        var e = JsonSerializer.Deserialize((string)value!, RedisJsonContext.Default.StoredCommandEvent)!;
        return new CommandEvent(WireNames.ParseState(e.State), UnixTime.FromUnixMs(e.At), WireNames.ParseSource(e.Source), e.Detail);
    }

    /// <summary>A command as read, plus what this transaction has decided for it but not yet written.</summary>
    private sealed record Row(
        CommandEnvelope Envelope, CommandState State, EventSource StateSource, DateTimeOffset UpdatedAt, RedisValue Version, long Number,
        IReadOnlyList<CommandEvent> PendingEvents)
    {
        public CommandRecord ToRecord(IReadOnlyList<CommandEvent> events) => new(Envelope, State, StateSource, UpdatedAt, events);
    }
}
