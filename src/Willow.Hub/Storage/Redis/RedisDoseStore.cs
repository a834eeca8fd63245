using System.Text.Json;
using StackExchange.Redis;
using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Hub.Doses;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// Dose outcomes in Redis: a hash per dose with a version <c>v</c>, its record a list beside it, a sorted
/// set per household by scheduled time. Outcomes are decided by <see cref="DoseStates.Decide"/> and
/// written only if every dose they touch is still at the version read, so a dose is recorded dispensed
/// once even when the gateway and the missed-dose detector report it at the same moment.
/// </summary>
public sealed class RedisDoseStore(RedisStorage redis) : IDoseStore
{
    private IDatabase Db => redis.Database;

    private RedisKey Dose(Guid householdId, Guid doseId) => redis.Key($"household:{householdId}:dose:{doseId}");

    private RedisKey Events(Guid householdId, Guid doseId) => redis.Key($"household:{householdId}:dose:{doseId}:events");

    private RedisKey HouseholdDoses(Guid householdId) => redis.Key($"household:{householdId}:doses");

    public Task<DoseRecord?> GetAsync(Guid householdId, Guid doseId, CancellationToken cancellationToken) => LoadAsync(householdId, doseId);

    public async Task<IReadOnlyList<DoseRecord>> ListAsync(Guid householdId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var ids = await Db.SortedSetRangeByScoreAsync(HouseholdDoses(householdId), from.ToUnixMs(), to.ToUnixMs());
        var doses = await Task.WhenAll(ids.Select(id => LoadAsync(householdId, Guid.Parse(id.ToString()))));
        return [.. doses.OfType<DoseRecord>()];
    }

    public Task<IReadOnlyList<DoseTransition>> RecordAsync(Guid householdId, IReadOnlyList<DoseOutcome> outcomes, CancellationToken cancellationToken) =>
        redis.TransactAsync<IReadOnlyList<DoseTransition>>(
            async transaction =>
            {
                var current = new Dictionary<Guid, (DoseRecord? Record, List<DoseEvent> Pending)>();
                var transitions = new List<DoseTransition>(outcomes.Count);
                foreach (var outcome in outcomes)
                {
                    if (!current.TryGetValue(outcome.DoseId, out var entry))
                    {
                        var (record, version) = await LoadWithVersionAsync(householdId, outcome.DoseId);
                        transaction.AddCondition(version.IsNull
                            ? Condition.KeyNotExists(Dose(householdId, outcome.DoseId))
                            : Condition.HashEqual(Dose(householdId, outcome.DoseId), "v", version));
                        entry = (record, []);
                    }

                    var before = entry.Record;
                    var decision = DoseStates.Decide(before?.State ?? DoseState.Scheduled, before?.StateSource ?? EventSource.Hub, outcome.State, outcome.Source);
                    var after = before;
                    if (decision.Changes())
                    {
                        var detail = decision == TransitionDecision.Overturn
                            ? $"The home reports this after the hub had recorded the dose {before!.State.ToWire()}; what the home did stands. {outcome.Detail}".TrimEnd()
                            : outcome.Detail;
                        var key = Dose(householdId, outcome.DoseId);
                        if (before is null)
                        {
                            _ = transaction.HashSetAsync(key, new HashFields()
                                .Add("regimen", outcome.RegimenId).Add("scheduledAt", outcome.ScheduledAt).ToArray());
                            _ = transaction.SortedSetAddAsync(HouseholdDoses(householdId), outcome.DoseId.ToString(), outcome.ScheduledAt.ToUnixMs());
                        }

                        _ = transaction.HashSetAsync(key, new HashFields()
                            .Add("state", outcome.State.ToWire()).Add("source", outcome.Source.ToWire()).Add("command", outcome.CommandId)
                            .Add("detail", detail).Add("updatedAt", outcome.At).ToArray());
                        if (detail is null)
                        {
                            _ = transaction.HashDeleteAsync(key, "detail");
                        }

                        _ = transaction.HashIncrementAsync(key, "v");
                        var step = new DoseEvent(outcome.State, outcome.At, outcome.Source, outcome.CommandId, detail);
                        _ = transaction.ListRightPushAsync(Events(householdId, outcome.DoseId), Serialize(step));
                        entry.Pending.Add(step);
                        after = new DoseRecord(
                            outcome.DoseId, householdId, before?.RegimenId ?? outcome.RegimenId, before?.ScheduledAt ?? outcome.ScheduledAt,
                            outcome.State, outcome.Source, outcome.CommandId ?? before?.CommandId, detail, before?.ConfirmedBy, before?.ConfirmedAt, outcome.At, []);
                    }

                    current[outcome.DoseId] = (after, entry.Pending);
                    var stored = before is null && after is null ? [] : await Db.ListRangeAsync(Events(householdId, outcome.DoseId));
                    transitions.Add(new DoseTransition(
                        decision,
                        (after ?? new DoseRecord(outcome.DoseId, householdId, outcome.RegimenId, outcome.ScheduledAt, DoseState.Scheduled, EventSource.Hub, null, null, null, null, outcome.At, []))
                            with { Events = [.. stored.Select(Deserialize), .. entry.Pending] },
                        before?.State));
                }

                return transitions;
            },
            cancellationToken);

    public Task<DoseRecord?> ConfirmAsync(Guid householdId, Guid doseId, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        redis.TransactAsync(
            async transaction =>
            {
                var dose = await LoadAsync(householdId, doseId);
                if (dose is not { State: DoseState.Dispensed })
                {
                    return null;
                }

                if (dose.ConfirmedAt is not null)
                {
                    return dose;
                }

                var key = Dose(householdId, doseId);
                transaction.AddCondition(Condition.HashEqual(key, "state", DoseState.Dispensed.ToWire()));
                transaction.AddCondition(Condition.HashNotExists(key, "confirmedAt"));
                _ = transaction.HashSetAsync(key, new HashFields().Add("confirmedBy", by).Add("confirmedAt", at).ToArray());
                return dose with { ConfirmedBy = by, ConfirmedAt = at };
            },
            cancellationToken);

    public async Task<IReadOnlyList<Guid>> ListSkippedAsync(Guid householdId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var ids = await Db.SortedSetRangeByScoreAsync(HouseholdDoses(householdId), since.ToUnixMs(), double.PositiveInfinity);
        var states = await Task.WhenAll(ids.Select(async id => (Id: Guid.Parse(id.ToString()), State: await Db.HashGetAsync(Dose(householdId, Guid.Parse(id.ToString())), "state"))));
        return [.. states.Where(s => s.State == DoseState.Skipped.ToWire()).Select(s => s.Id)];
    }

    private async Task<DoseRecord?> LoadAsync(Guid householdId, Guid doseId)
    {
        var (record, _) = await LoadWithVersionAsync(householdId, doseId);
        return record is null ? null : record with { Events = [.. (await Db.ListRangeAsync(Events(householdId, doseId))).Select(Deserialize)] };
    }

    private async Task<(DoseRecord? Record, RedisValue Version)> LoadWithVersionAsync(Guid householdId, Guid doseId)
    {
        var hash = StoredHash.From(await Db.HashGetAllAsync(Dose(householdId, doseId)));
        if (hash is null)
        {
            return (null, RedisValue.Null);
        }

        return (new DoseRecord(
            doseId,
            householdId,
            hash.Guid("regimen"),
            hash.Time("scheduledAt"),
            DoseStates.Parse(hash.String("state")),
            WireNames.ParseSource(hash.String("source")),
            hash.NullableGuid("command"),
            hash.NullableString("detail"),
            hash.NullableString("confirmedBy"),
            hash.NullableTime("confirmedAt"),
            hash.Time("updatedAt"),
            []), hash.Raw("v"));
    }

    private static RedisValue Serialize(DoseEvent e) =>
        JsonSerializer.Serialize(
            new StoredDoseEvent(e.State.ToWire(), e.At.ToUnixMs(), e.Source.ToWire(), e.CommandId?.ToString(), e.Detail),
            RedisJsonContext.Default.StoredDoseEvent);

    private static DoseEvent Deserialize(RedisValue value)
    {
        var e = JsonSerializer.Deserialize((string)value!, RedisJsonContext.Default.StoredDoseEvent)!;
        return new DoseEvent(DoseStates.Parse(e.State), UnixTime.FromUnixMs(e.At), WireNames.ParseSource(e.Source), e.CommandId is null ? null : Guid.Parse(e.CommandId), e.Detail);
    }
}
