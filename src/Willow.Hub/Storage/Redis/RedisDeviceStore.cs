using System.Text.Json;
using StackExchange.Redis;
using Willow.Core.Protocol;
using Willow.Hub.Devices;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// Devices in Redis: a hash per device, a set of a household's device ids, a hash from direct-mode token
/// hashes to devices, and a list of refills per device. Presence is stamped with the hub's own clock.
/// </summary>
public sealed class RedisDeviceStore(RedisStorage redis, TimeProvider time) : IDeviceStore
{
    private IDatabase Db => redis.Database;

    internal static RedisKey DeviceKey(RedisStorage redis, Guid householdId, string deviceId) => redis.Key($"household:{householdId}:device:{deviceId}");

    private RedisKey Device(Guid householdId, string deviceId) => DeviceKey(redis, householdId, deviceId);

    private static RedisKey DeviceSet(RedisStorage redis, Guid householdId) => redis.Key($"household:{householdId}:devices");

    private RedisKey Credential(Guid householdId, string deviceId) => redis.Key($"household:{householdId}:device:{deviceId}:credential");

    private RedisKey Refills(Guid householdId, string deviceId) => redis.Key($"household:{householdId}:device:{deviceId}:refills");

    private RedisKey CredentialIndex => redis.Key("device-tokens");

    /// <summary>
    /// The households that have devices. Kept by every report and hello, so a store from before it existed fills it
    /// again within one presence round.
    /// </summary>
    private RedisKey HouseholdsWithDevices => redis.Key("households-with-devices");

    public async Task<DeviceRecord?> GetAsync(Guid householdId, string deviceId, CancellationToken cancellationToken) =>
        Read(householdId, deviceId, StoredHash.From(await Db.HashGetAllAsync(Device(householdId, deviceId))));

    public Task<IReadOnlyList<DeviceRecord>> ListAsync(Guid householdId, CancellationToken cancellationToken) => ListRecordsAsync(redis, householdId);

    internal static async Task<IReadOnlyList<DeviceRecord>> ListRecordsAsync(RedisStorage redis, Guid householdId)
    {
        var ids = await redis.Database.SetMembersAsync(DeviceSet(redis, householdId));
        var hashes = await Task.WhenAll(ids.Select(async id => Read(householdId, id.ToString(), StoredHash.From(await redis.Database.HashGetAllAsync(DeviceKey(redis, householdId, id.ToString()))))));
        return [.. hashes.OfType<DeviceRecord>().OrderBy(d => d.DeviceId, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<Guid>> HouseholdsWithDevicesAsync(CancellationToken cancellationToken) =>
        [.. (await Db.SetMembersAsync(HouseholdsWithDevices)).Select(h => Guid.Parse(h.ToString()))];

    public async Task ApplyGatewayReportAsync(Guid householdId, string gatewayId, DevicePresenceReport report, CancellationToken cancellationToken)
    {
        // The hub's own clock stamps presence: a gateway's clock may be wrong after a power cut.
        var now = time.GetUtcNow();
        var known = await ListRecordsAsync(redis, householdId);
        var reported = report.Devices.Select(d => d.DeviceId).ToHashSet(StringComparer.Ordinal);
        var transaction = Db.CreateTransaction();
        foreach (var device in report.Devices)
        {
            var key = Device(householdId, device.DeviceId);
            _ = transaction.SetAddAsync(DeviceSet(redis, householdId), device.DeviceId);
            _ = transaction.SetAddAsync(HouseholdsWithDevices, householdId.ToString());
            _ = transaction.HashSetAsync(key, "registeredAt", now.ToUnixMs(), When.NotExists);
            _ = transaction.HashSetAsync(key, new HashFields()
                .Add("name", device.Name)
                .Add("capabilities", device.Capabilities.Count == 0 ? null : string.Join(',', device.Capabilities))
                .Add("link", DeviceLink.Gateway)
                .Add("gateway", gatewayId)
                .Add("online", device.Online)
                .Add("lastSeenAt", device.Online ? now : null)
                .Add("version", device.Version)
                .Add("sounds", device.Sounds is null ? null : string.Join(',', device.Sounds))
                .ToArray());
            if (device.Capabilities.Count == 0)
            {
                _ = transaction.HashSetAsync(key, "capabilities", "", When.NotExists);
            }

            _ = device.LockedUntil is { } locked
                ? transaction.HashSetAsync(key, "lockedUntil", locked.ToUnixMs())
                : transaction.HashDeleteAsync(key, "lockedUntil");
        }

        foreach (var gone in known.Where(d => d.GatewayId == gatewayId && d.Link == DeviceLink.Gateway && !reported.Contains(d.DeviceId)))
        {
            _ = transaction.HashSetAsync(Device(householdId, gone.DeviceId), "online", 0);
        }

        await transaction.ExecuteAsync();
    }

    public async Task SetSoundsAsync(Guid householdId, string deviceId, IReadOnlyList<string> sounds, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyExists(Device(householdId, deviceId)));
        _ = transaction.HashSetAsync(Device(householdId, deviceId), "sounds", string.Join(',', sounds));
        await transaction.ExecuteAsync();
    }

    public async Task MarkGatewayDevicesOfflineAsync(Guid householdId, string gatewayId, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        foreach (var device in (await ListRecordsAsync(redis, householdId)).Where(d => d.GatewayId == gatewayId && d.Link == DeviceLink.Gateway))
        {
            _ = transaction.HashSetAsync(Device(householdId, device.DeviceId), "online", 0);
        }

        await transaction.ExecuteAsync();
    }

    public async Task UpsertDirectAsync(Guid householdId, string deviceId, DirectDeviceHello hello, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = Device(householdId, deviceId);
        var transaction = Db.CreateTransaction();
        _ = transaction.SetAddAsync(DeviceSet(redis, householdId), deviceId);
        _ = transaction.SetAddAsync(HouseholdsWithDevices, householdId.ToString());
        _ = transaction.HashSetAsync(key, "registeredAt", at.ToUnixMs(), When.NotExists);
        _ = transaction.HashSetAsync(key, new HashFields()
            .Add("name", hello.Name)
            .Add("capabilities", string.Join(',', hello.Capabilities))
            .Add("link", DeviceLink.Direct)
            .Add("online", true)
            .Add("lastSeenAt", at)
            .ToArray());
        _ = transaction.HashDeleteAsync(key, "gateway");
        _ = hello.Version is { } version ? transaction.HashSetAsync(key, "version", version) : transaction.HashDeleteAsync(key, "version");
        await transaction.ExecuteAsync();
    }

    public async Task<DeviceRecord?> RefillAsync(
        Guid householdId, string deviceId, int? capacity, int remaining, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = Device(householdId, deviceId);
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyExists(key));
        _ = transaction.HashSetAsync(key, new HashFields().Add("capacity", capacity).Add("remaining", remaining).ToArray());
        _ = transaction.ListRightPushAsync(Refills(householdId, deviceId), JsonSerializer.Serialize(
            new StoredRefill(at.ToUnixMs(), by, capacity, remaining), RedisJsonContext.Default.StoredRefill));
        return await transaction.ExecuteAsync() ? await GetAsync(householdId, deviceId, cancellationToken) : null;
    }

    public async Task SetCredentialAsync(Guid householdId, string deviceId, string tokenHash, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = Credential(householdId, deviceId);
        await redis.TransactAsync(
            async transaction =>
            {
                var old = await Db.HashGetAsync(key, "hash");
                transaction.AddCondition(old.IsNull ? Condition.HashNotExists(key, "hash") : Condition.HashEqual(key, "hash", old));
                if (!old.IsNull)
                {
                    _ = transaction.HashDeleteAsync(CredentialIndex, old);
                }

                _ = transaction.KeyDeleteAsync(key);
                _ = transaction.HashSetAsync(key, new HashFields().Add("hash", tokenHash).Add("createdBy", by).Add("createdAt", at).ToArray());
                _ = transaction.HashSetAsync(CredentialIndex, tokenHash, $"{householdId}|{deviceId}");
                return 0;
            },
            cancellationToken);
    }

    public async Task<(Guid HouseholdId, string DeviceId)?> FindCredentialAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var owner = await Db.HashGetAsync(CredentialIndex, tokenHash);
        if (owner.IsNull)
        {
            return null;
        }

        var parts = owner.ToString().Split('|', 2);
        return (Guid.Parse(parts[0]), parts[1]);
    }

    public Task<bool> RevokeCredentialAsync(Guid householdId, string deviceId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = Credential(householdId, deviceId);
        return redis.TransactAsync(
            async transaction =>
            {
                var hash = await Db.HashGetAsync(key, "hash");
                if (hash.IsNull || await Db.HashExistsAsync(key, "revokedAt"))
                {
                    return false;
                }

                transaction.AddCondition(Condition.HashEqual(key, "hash", hash));
                transaction.AddCondition(Condition.HashNotExists(key, "revokedAt"));
                _ = transaction.HashSetAsync(key, "revokedAt", at.ToUnixMs());
                _ = transaction.HashDeleteAsync(CredentialIndex, hash);
                return true;
            },
            cancellationToken);
    }

    public async Task TouchDirectAsync(Guid householdId, string deviceId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = Device(householdId, deviceId);
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.HashEqual(key, "link", DeviceLink.Direct));
        _ = transaction.HashSetAsync(key, new HashFields().Add("online", true).Add("lastSeenAt", at).ToArray());
        await transaction.ExecuteAsync();
    }

    private static DeviceRecord? Read(Guid householdId, string deviceId, StoredHash? hash) => hash is null ? null : new(
        householdId,
        deviceId,
        hash.String("name"),
        (hash.NullableString("capabilities") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        hash.String("link"),
        hash.NullableString("gateway"),
        hash.Bool("online"),
        hash.NullableTime("lastSeenAt"),
        hash.NullableString("version"),
        hash.Time("registeredAt"),
        hash.NullableInt("capacity"),
        hash.NullableInt("remaining"),
        hash.NullableTime("lockedUntil"),
        hash.NullableString("sounds")?.Split(',', StringSplitOptions.RemoveEmptyEntries));
}
