using StackExchange.Redis;
using Willow.Hub.Alerts;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// Alerts, channels, settings and the delivery outbox in Redis. Per household: a hash per alert, a sorted set of
/// alerts by opening time, a set of unresolved ones and a hash from cause to the alert holding it; a hash per
/// channel with a sorted set of them; a hash of settings. The outbox is a hash per delivery and one sorted set of
/// pending deliveries by the time they are due; a claim moves its score to the end of the lease. Every decision is
/// a MULTI/EXEC conditioned on what was read (<see cref="RedisStorage.TransactAsync{T}"/>).
/// </summary>
public sealed class RedisAlertStore(RedisStorage redis) : IAlertStore
{
    private const string HouseholdSubject = "household";

    private IDatabase Db => redis.Database;

    private RedisKey AlertKey(Guid h, Guid id) => redis.Key($"household:{h}:alert:{id}");

    private RedisKey Alerts(Guid h) => redis.Key($"household:{h}:alerts");

    private RedisKey Unresolved(Guid h) => redis.Key($"household:{h}:alerts:unresolved");

    private RedisKey Causes(Guid h) => redis.Key($"household:{h}:alert-causes");

    private RedisKey ChannelKey(Guid h, Guid id) => redis.Key($"household:{h}:alert-channel:{id}");

    private RedisKey Channels(Guid h) => redis.Key($"household:{h}:alert-channels");

    private RedisKey HouseholdsWithChannels => redis.Key("households-with-alert-channels");

    private RedisKey Settings(Guid h) => redis.Key($"household:{h}:alert-settings");

    private RedisKey DeliveryKey(Guid id) => redis.Key($"alert-delivery:{id}");

    private RedisKey AlertDeliveries(Guid h, Guid alertId) => redis.Key($"household:{h}:alert:{alertId}:deliveries");

    private RedisKey Due => redis.Key("alert-deliveries:due");

    public Task<(Alert Alert, bool Opened)> OpenAsync(Alert alert, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken) =>
        redis.TransactAsync(
            async transaction =>
            {
                var h = alert.HouseholdId;
                var holder = await Db.HashGetAsync(Causes(h), alert.CauseKey);
                if (!holder.IsNull)
                {
                    transaction.AddCondition(Condition.HashEqual(Causes(h), alert.CauseKey, holder));
                    return ((await GetAsync(h, Guid.Parse(holder.ToString()), cancellationToken))!, false);
                }

                var opened = alert with { State = AlertState.Open };
                transaction.AddCondition(Condition.HashNotExists(Causes(h), alert.CauseKey));
                _ = transaction.HashSetAsync(Causes(h), alert.CauseKey, alert.Id.ToString());
                WriteAlert(transaction, opened);
                _ = transaction.SortedSetAddAsync(Alerts(h), alert.Id.ToString(), alert.OpenedAt.ToUnixMs());
                _ = transaction.SetAddAsync(Unresolved(h), alert.Id.ToString());
                WriteDeliveries(transaction, deliveries);
                return (opened, true);
            },
            cancellationToken);

    public async Task<Alert?> GetAsync(Guid householdId, Guid alertId, CancellationToken cancellationToken) =>
        StoredHash.From(await Db.HashGetAllAsync(AlertKey(householdId, alertId))) is { } hash ? ReadAlert(householdId, alertId, hash) : null;

    public async Task<IReadOnlyList<Alert>> ListAsync(Guid householdId, AlertState? state, int limit, CancellationToken cancellationToken)
    {
        var alerts = new List<Alert>();
        var skip = 0L;
        while (alerts.Count < limit)
        {
            var ids = await Db.SortedSetRangeByRankAsync(Alerts(householdId), skip, skip + Math.Max(limit, 50) - 1, Order.Descending);
            if (ids.Length == 0)
            {
                break;
            }

            skip += ids.Length;
            foreach (var id in ids)
            {
                if (alerts.Count < limit && await GetAsync(householdId, Guid.Parse(id.ToString()), cancellationToken) is { } alert && (state is null || alert.State == state))
                {
                    alerts.Add(alert);
                }
            }
        }

        return alerts;
    }

    public async Task<IReadOnlyList<Alert>> ListUnresolvedAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var alerts = new List<Alert>();
        foreach (var id in await Db.SetMembersAsync(Unresolved(householdId)))
        {
            if (await GetAsync(householdId, Guid.Parse(id.ToString()), cancellationToken) is { State: not AlertState.Resolved } alert)
            {
                alerts.Add(alert);
            }
        }

        return [.. alerts.OrderBy(a => a.OpenedAt).ThenBy(a => a.Id)];
    }

    public Task<(Alert? Alert, bool Changed)> AcknowledgeAsync(Guid householdId, Guid alertId, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        redis.TransactAsync<(Alert?, bool)>(
            async transaction =>
            {
                var alert = await GetAsync(householdId, alertId, cancellationToken);
                if (alert is null || alert.State != AlertState.Open)
                {
                    return (alert, false);
                }

                var key = AlertKey(householdId, alertId);
                transaction.AddCondition(Condition.HashEqual(key, "state", AlertState.Open.ToWire()));
                _ = transaction.HashSetAsync(key, new HashFields().Add("state", AlertState.Acknowledged.ToWire()).Add("acknowledgedAt", at).Add("acknowledgedBy", by).ToArray());
                return (alert with { State = AlertState.Acknowledged, AcknowledgedAt = at, AcknowledgedBy = by }, true);
            },
            cancellationToken);

    public Task<Alert?> ResolveAsync(Guid householdId, Guid alertId, string resolution, DateTimeOffset at, CancellationToken cancellationToken) =>
        redis.TransactAsync(
            async transaction =>
            {
                var alert = await GetAsync(householdId, alertId, cancellationToken);
                if (alert is null || alert.State == AlertState.Resolved)
                {
                    return null;
                }

                var key = AlertKey(householdId, alertId);
                transaction.AddCondition(Condition.HashEqual(key, "state", alert.State.ToWire()));
                _ = transaction.HashSetAsync(key, new HashFields().Add("state", AlertState.Resolved.ToWire()).Add("resolvedAt", at).Add("resolution", resolution).ToArray());
                _ = transaction.SetRemoveAsync(Unresolved(householdId), alertId.ToString());
                if (!AlertKinds.IsEvent(alert.Kind))
                {
                    transaction.AddCondition(Condition.HashEqual(Causes(householdId), alert.CauseKey, alertId.ToString()));
                    _ = transaction.HashDeleteAsync(Causes(householdId), alert.CauseKey);
                }

                return alert with { State = AlertState.Resolved, ResolvedAt = at, Resolution = resolution };
            },
            cancellationToken);

    public Task<bool> EscalateAsync(Guid householdId, Guid alertId, int fromStep, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken) =>
        redis.TransactAsync(
            async transaction =>
            {
                var alert = await GetAsync(householdId, alertId, cancellationToken);
                if (alert is not { State: AlertState.Open } || alert.EscalationStep != fromStep)
                {
                    return false;
                }

                var key = AlertKey(householdId, alertId);
                transaction.AddCondition(Condition.HashEqual(key, "state", AlertState.Open.ToWire()));
                transaction.AddCondition(Condition.HashEqual(key, "escalationStep", fromStep));
                _ = transaction.HashSetAsync(key, "escalationStep", fromStep + 1);
                WriteDeliveries(transaction, deliveries);
                return true;
            },
            cancellationToken);

    public async Task SaveChannelAsync(AlertChannel channel, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(ChannelKey(channel.HouseholdId, channel.Id), new HashFields()
            .Add("userId", channel.UserId).Add("kind", channel.Kind).Add("name", channel.Name).Add("target", channel.Target)
            .Add("secret", channel.Secret ?? "").Add("enabled", channel.Enabled).Add("createdAt", channel.CreatedAt).ToArray());
        _ = transaction.SortedSetAddAsync(Channels(channel.HouseholdId), channel.Id.ToString(), channel.CreatedAt.ToUnixMs());
        _ = transaction.SetAddAsync(HouseholdsWithChannels, channel.HouseholdId.ToString());
        await transaction.ExecuteAsync();
    }

    public async Task<AlertChannel?> GetChannelAsync(Guid householdId, Guid channelId, CancellationToken cancellationToken) =>
        StoredHash.From(await Db.HashGetAllAsync(ChannelKey(householdId, channelId))) is { } hash
            ? new AlertChannel(
                channelId, householdId, hash.Guid("userId"), hash.String("kind"), hash.String("name"), hash.String("target"),
                hash.NullableString("secret") is { Length: > 0 } secret ? secret : null, hash.Bool("enabled"), hash.Time("createdAt"))
            : null;

    public async Task<IReadOnlyList<AlertChannel>> ListChannelsAsync(Guid householdId, Guid? userId, CancellationToken cancellationToken)
    {
        var channels = new List<AlertChannel>();
        foreach (var id in await Db.SortedSetRangeByRankAsync(Channels(householdId)))
        {
            if (await GetChannelAsync(householdId, Guid.Parse(id.ToString()), cancellationToken) is { } channel && (userId is null || channel.UserId == userId))
            {
                channels.Add(channel);
            }
        }

        return channels;
    }

    public async Task<bool> DeleteChannelAsync(Guid householdId, Guid channelId, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        var deleted = transaction.KeyDeleteAsync(ChannelKey(householdId, channelId));
        _ = transaction.SortedSetRemoveAsync(Channels(householdId), channelId.ToString());
        await transaction.ExecuteAsync();
        return await deleted;
    }

    public async Task<IReadOnlyList<Guid>> HouseholdsWithChannelsAsync(CancellationToken cancellationToken) =>
        [.. (await Db.SetMembersAsync(HouseholdsWithChannels)).Select(h => Guid.Parse(h.ToString()))];

    public async Task<MemberAlertSettings> GetMemberSettingsAsync(Guid householdId, Guid userId, CancellationToken cancellationToken) =>
        AlertSettingsText.ParseMember(await Db.HashGetAsync(Settings(householdId), userId.ToString()));

    public Task SaveMemberSettingsAsync(Guid householdId, Guid userId, MemberAlertSettings settings, CancellationToken cancellationToken) =>
        Db.HashSetAsync(Settings(householdId), userId.ToString(), AlertSettingsText.Format(settings));

    public async Task<HouseholdAlertSettings> GetHouseholdSettingsAsync(Guid householdId, CancellationToken cancellationToken) =>
        AlertSettingsText.ParseHousehold(await Db.HashGetAsync(Settings(householdId), HouseholdSubject));

    public Task SaveHouseholdSettingsAsync(Guid householdId, HouseholdAlertSettings settings, CancellationToken cancellationToken) =>
        Db.HashSetAsync(Settings(householdId), HouseholdSubject, AlertSettingsText.Format(settings));

    public Task<IReadOnlyList<AlertDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        redis.TransactAsync<IReadOnlyList<AlertDelivery>>(
            async transaction =>
            {
                var due = await Db.SortedSetRangeByScoreWithScoresAsync(Due, double.NegativeInfinity, now.ToUnixMs(), take: limit);
                var claimed = new List<AlertDelivery>(due.Length);
                foreach (var entry in due)
                {
                    var id = Guid.Parse(entry.Element.ToString());
                    if (await ReadDeliveryAsync(id) is not { State: DeliveryState.Pending } delivery)
                    {
                        continue;
                    }

                    var claim = delivery with { ClaimId = Guid.NewGuid(), Attempts = delivery.Attempts + 1, DueAt = now + lease };
                    transaction.AddCondition(Condition.SortedSetEqual(Due, entry.Element, entry.Score));
                    _ = transaction.SortedSetAddAsync(Due, entry.Element, claim.DueAt.ToUnixMs());
                    _ = transaction.HashSetAsync(DeliveryKey(id), new HashFields()
                        .Add("claimId", claim.ClaimId).Add("attempts", claim.Attempts).Add("dueAt", claim.DueAt).ToArray());
                    claimed.Add(claim);
                }

                return claimed;
            },
            cancellationToken);

    public async Task<bool> MarkSentAsync(AlertDelivery claimed, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = DeliveryKey(claimed.Id);
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.HashEqual(key, "claimId", claimed.ClaimId?.ToString()));
        transaction.AddCondition(Condition.HashEqual(key, "state", DeliveryState.Pending.ToWire()));
        _ = transaction.HashSetAsync(key, new HashFields().Add("state", DeliveryState.Sent.ToWire()).Add("sentAt", at).ToArray());
        _ = transaction.HashDeleteAsync(key, "lastError");
        _ = transaction.SortedSetRemoveAsync(Due, claimed.Id.ToString());
        return await transaction.ExecuteAsync();
    }

    public async Task<bool> MarkFailedAsync(AlertDelivery claimed, DateTimeOffset? retryAt, string error, CancellationToken cancellationToken)
    {
        var key = DeliveryKey(claimed.Id);
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.HashEqual(key, "claimId", claimed.ClaimId?.ToString()));
        transaction.AddCondition(Condition.HashEqual(key, "state", DeliveryState.Pending.ToWire()));
        _ = transaction.HashDeleteAsync(key, "claimId");
        if (retryAt is { } retry)
        {
            _ = transaction.HashSetAsync(key, new HashFields().Add("dueAt", retry).Add("lastError", error).ToArray());
            _ = transaction.SortedSetAddAsync(Due, claimed.Id.ToString(), retry.ToUnixMs());
        }
        else
        {
            _ = transaction.HashSetAsync(key, new HashFields().Add("state", DeliveryState.GaveUp.ToWire()).Add("lastError", error).ToArray());
            _ = transaction.SortedSetRemoveAsync(Due, claimed.Id.ToString());
        }

        return await transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<AlertDelivery>> ListDeliveriesAsync(Guid householdId, Guid alertId, CancellationToken cancellationToken)
    {
        var deliveries = new List<AlertDelivery>();
        foreach (var id in await Db.ListRangeAsync(AlertDeliveries(householdId, alertId)))
        {
            if (await ReadDeliveryAsync(Guid.Parse(id.ToString())) is { } delivery)
            {
                deliveries.Add(delivery);
            }
        }

        return deliveries;
    }

    private void WriteAlert(ITransaction transaction, Alert alert) =>
        _ = transaction.HashSetAsync(AlertKey(alert.HouseholdId, alert.Id), new HashFields()
            .Add("kind", alert.Kind).Add("causeKey", alert.CauseKey).Add("severity", alert.Severity.ToWire()).Add("state", alert.State.ToWire())
            .Add("title", alert.Title).Add("nextStep", alert.NextStep).Add("path", alert.Path).Add("openedAt", alert.OpenedAt)
            .Add("acknowledgedAt", alert.AcknowledgedAt).Add("acknowledgedBy", alert.AcknowledgedBy).Add("resolvedAt", alert.ResolvedAt)
            .Add("resolution", alert.Resolution).Add("escalationStep", alert.EscalationStep).ToArray());

    private void WriteDeliveries(ITransaction transaction, IReadOnlyList<AlertDelivery> deliveries)
    {
        foreach (var d in deliveries)
        {
            _ = transaction.HashSetAsync(DeliveryKey(d.Id), new HashFields()
                .Add("householdId", d.HouseholdId).Add("alertId", d.AlertId).Add("channelId", d.ChannelId).Add("userId", d.UserId)
                .Add("createdAt", d.CreatedAt).Add("dueAt", d.DueAt).Add("attempts", 0L).Add("state", DeliveryState.Pending.ToWire()).ToArray());
            _ = transaction.SortedSetAddAsync(Due, d.Id.ToString(), d.DueAt.ToUnixMs());
            _ = transaction.ListRightPushAsync(AlertDeliveries(d.HouseholdId, d.AlertId), d.Id.ToString());
        }
    }

    private async Task<AlertDelivery?> ReadDeliveryAsync(Guid id) =>
        StoredHash.From(await Db.HashGetAllAsync(DeliveryKey(id))) is { } hash
            ? new AlertDelivery(
                id, hash.Guid("householdId"), hash.Guid("alertId"), hash.Guid("channelId"), hash.Guid("userId"), hash.Time("createdAt"),
                hash.Time("dueAt"), (int)hash.Long("attempts"), DeliveryStates.Parse(hash.String("state")), hash.NullableTime("sentAt"),
                hash.NullableString("lastError"), hash.NullableGuid("claimId"))
            : null;

    private static Alert ReadAlert(Guid householdId, Guid alertId, StoredHash hash) => new(
        alertId,
        householdId,
        hash.String("kind"),
        hash.String("causeKey"),
        AlertWire.ParseSeverity(hash.String("severity")),
        AlertWire.ParseState(hash.String("state")),
        hash.String("title"),
        hash.String("nextStep"),
        hash.String("path"),
        hash.Time("openedAt"),
        hash.NullableTime("acknowledgedAt"),
        hash.NullableString("acknowledgedBy"),
        hash.NullableTime("resolvedAt"),
        hash.NullableString("resolution"),
        (int)hash.Long("escalationStep"));
}
