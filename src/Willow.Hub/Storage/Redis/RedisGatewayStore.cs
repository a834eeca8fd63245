using StackExchange.Redis;
using Willow.Hub.Gateways;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// Gateways in Redis: a hash per gateway and a set per household; an enrolment code is a key that
/// expires with the code, and tokens are found through a hash of token hashes. Spending a code happens
/// only on the condition that the gateway still holds that code, so it is spent once.
/// </summary>
public sealed class RedisGatewayStore(RedisStorage redis) : IGatewayStore
{
    private static readonly TimeSpan DeadCodeLifetime = TimeSpan.FromDays(7);

    private IDatabase Db => redis.Database;

    private RedisKey Gateway(Guid householdId, string gatewayId) => redis.Key($"household:{householdId}:gateway:{gatewayId}");

    private RedisKey GatewaySet(Guid householdId) => redis.Key($"household:{householdId}:gateways");

    private RedisKey Code(string codeHash) => redis.Key($"gateway-code:{codeHash}");

    private RedisKey TokenIndex => redis.Key("gateway-tokens");

    public async Task MarkConnectedAsync(Guid householdId, string gatewayId, string connectionId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.SetAddAsync(GatewaySet(householdId), gatewayId);
        _ = transaction.HashSetAsync(Gateway(householdId, gatewayId), new HashFields()
            .Add("connection", connectionId).Add("connected", true).Add("lastConnectedAt", at).Add("lastSeenAt", at).ToArray());
        await transaction.ExecuteAsync();
    }

    public async Task<bool> MarkDisconnectedAsync(Guid householdId, string gatewayId, string connectionId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = Gateway(householdId, gatewayId);
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.HashEqual(key, "connection", connectionId));
        _ = transaction.HashSetAsync(key, new HashFields().Add("connected", false).Add("lastSeenAt", at).ToArray());
        return await transaction.ExecuteAsync();
    }

    public async Task TouchAsync(Guid householdId, string gatewayId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = Gateway(householdId, gatewayId);
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyExists(key));
        _ = transaction.HashSetAsync(key, "lastSeenAt", at.ToUnixMs());
        await transaction.ExecuteAsync();
    }

    public Task<bool> PrepareEnrollmentAsync(Guid householdId, string gatewayId, string codeHash, DateTimeOffset codeExpiresAt, string by, CancellationToken cancellationToken)
    {
        var key = Gateway(householdId, gatewayId);
        return redis.TransactAsync(
            async transaction =>
            {
                var existing = StoredHash.From(await Db.HashGetAllAsync(key));
                if (existing?.Has("revokedAt") == true)
                {
                    return false;
                }

                transaction.AddCondition(Condition.HashNotExists(key, "revokedAt"));
                transaction.AddCondition(existing?.NullableString("code") is { } old
                    ? Condition.HashEqual(key, "code", old)
                    : Condition.HashNotExists(key, "code"));
                if (existing?.NullableString("code") is { } previous)
                {
                    _ = transaction.KeyDeleteAsync(Code(previous));
                }

                _ = transaction.SetAddAsync(GatewaySet(householdId), gatewayId);
                _ = transaction.HashSetAsync(key, "connected", 0, When.NotExists);
                _ = transaction.HashSetAsync(key, "createdBy", by, When.NotExists);
                _ = transaction.HashSetAsync(key, new HashFields().Add("code", codeHash).Add("codeExpiresAt", codeExpiresAt).ToArray());
                // Enrolment checks the code's expiry itself; the key's time to live (far longer than any code
                // lives, since Redis counts by its own clock) only spares anyone sweeping dead codes.
                _ = transaction.StringSetAsync(Code(codeHash), $"{householdId}|{gatewayId}", DeadCodeLifetime);
                return true;
            },
            cancellationToken);
    }

    public async Task<GatewayRecord?> EnrollAsync(string codeHash, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var owner = await Db.StringGetAsync(Code(codeHash));
        if (owner.IsNull)
        {
            return null;
        }

        var (householdId, gatewayId) = Split(owner);
        var key = Gateway(householdId, gatewayId);
        var hash = StoredHash.From(await Db.HashGetAllAsync(key));
        if (hash is null || hash.NullableString("code") != codeHash || hash.Has("revokedAt") || hash.NullableTime("codeExpiresAt") is not { } expires || expires <= now)
        {
            return null;
        }

        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.HashEqual(key, "code", codeHash));
        transaction.AddCondition(Condition.HashNotExists(key, "revokedAt"));
        if (hash.NullableString("token") is { } oldToken)
        {
            _ = transaction.HashDeleteAsync(TokenIndex, oldToken);
        }

        _ = transaction.HashSetAsync(key, new HashFields().Add("token", tokenHash).Add("enrolledAt", now).ToArray());
        _ = transaction.HashDeleteAsync(key, ["code", "codeExpiresAt"]);
        _ = transaction.KeyDeleteAsync(Code(codeHash));
        _ = transaction.HashSetAsync(TokenIndex, tokenHash, owner);
        return await transaction.ExecuteAsync() ? await GetAsync(householdId, gatewayId, cancellationToken) : null;
    }

    public async Task<GatewayRecord?> FindByTokenAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var owner = await Db.HashGetAsync(TokenIndex, tokenHash);
        if (owner.IsNull)
        {
            return null;
        }

        var (householdId, gatewayId) = Split(owner);
        var gateway = StoredHash.From(await Db.HashGetAllAsync(Gateway(householdId, gatewayId)));
        return gateway is not null && gateway.NullableString("token") == tokenHash && !gateway.Has("revokedAt") ? Read(householdId, gatewayId, gateway) : null;
    }

    public async Task<GatewayRecord?> GetAsync(Guid householdId, string gatewayId, CancellationToken cancellationToken) =>
        StoredHash.From(await Db.HashGetAllAsync(Gateway(householdId, gatewayId))) is { } hash ? Read(householdId, gatewayId, hash) : null;

    public Task<bool> RevokeAsync(Guid householdId, string gatewayId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = Gateway(householdId, gatewayId);
        return redis.TransactAsync(
            async transaction =>
            {
                var hash = StoredHash.From(await Db.HashGetAllAsync(key));
                if (hash is null)
                {
                    return false;
                }

                transaction.AddCondition(hash.NullableString("token") is { } t ? Condition.HashEqual(key, "token", t) : Condition.HashNotExists(key, "token"));
                transaction.AddCondition(hash.NullableString("code") is { } c ? Condition.HashEqual(key, "code", c) : Condition.HashNotExists(key, "code"));
                if (hash.NullableString("token") is { } token)
                {
                    _ = transaction.HashDeleteAsync(TokenIndex, token);
                }

                if (hash.NullableString("code") is { } code)
                {
                    _ = transaction.KeyDeleteAsync(Code(code));
                }

                _ = transaction.HashSetAsync(key, "revokedAt", at.ToUnixMs(), When.NotExists);
                _ = transaction.HashSetAsync(key, "connected", 0);
                _ = transaction.HashDeleteAsync(key, ["token", "code", "codeExpiresAt"]);
                return true;
            },
            cancellationToken);
    }

    public async Task ReportClockAsync(Guid householdId, string gatewayId, bool trusted, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = Gateway(householdId, gatewayId);
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyExists(key));
        _ = transaction.HashSetAsync(key, new HashFields().Add("clockTrusted", trusted).Add("clockReason", reason).Add("clockAt", at).ToArray());
        await transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<GatewayRecord>> ListAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var ids = await Db.SetMembersAsync(GatewaySet(householdId));
        var gateways = await Task.WhenAll(ids.Select(id => GetAsync(householdId, id.ToString(), cancellationToken)));
        return [.. gateways.OfType<GatewayRecord>().OrderBy(g => g.GatewayId, StringComparer.Ordinal)];
    }

    private static (Guid HouseholdId, string GatewayId) Split(RedisValue owner)
    {
        var parts = owner.ToString().Split('|', 2);
        return (Guid.Parse(parts[0]), parts[1]);
    }

    private static GatewayRecord Read(Guid householdId, string gatewayId, StoredHash hash) => new(
        householdId,
        gatewayId,
        hash.Bool("connected"),
        hash.NullableTime("lastConnectedAt"),
        hash.NullableTime("lastSeenAt"),
        hash.Has("clockTrusted") ? hash.Bool("clockTrusted") : null,
        hash.NullableString("clockReason"),
        hash.NullableTime("clockAt"),
        hash.NullableTime("enrolledAt"),
        hash.NullableTime("revokedAt"),
        hash.NullableTime("codeExpiresAt"),
        hash.NullableString("connection"));
}
