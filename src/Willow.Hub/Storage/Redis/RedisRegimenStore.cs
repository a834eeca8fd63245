using System.Text.Json;
using StackExchange.Redis;
using Willow.Core.Protocol;
using Willow.Core.Regimens;
using Willow.Hub.Regimens;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// Regimens in Redis: a hash each, its versions a list (version n at index n - 1), a sorted set per
/// household by creation. A version is appended only if the list is still as long as when it was read.
/// </summary>
public sealed class RedisRegimenStore(RedisStorage redis) : IRegimenStore
{
    private IDatabase Db => redis.Database;

    private RedisKey Regimen(Guid householdId, Guid regimenId) => redis.Key($"household:{householdId}:regimen:{regimenId}");

    private RedisKey Versions(Guid householdId, Guid regimenId) => redis.Key($"household:{householdId}:regimen:{regimenId}:versions");

    private RedisKey HouseholdRegimens(Guid householdId) => redis.Key($"household:{householdId}:regimens");

    private RedisKey HouseholdsWithRegimens => redis.Key("households-with-regimens");

    public async Task CreateAsync(RegimenRecord regimen, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(Regimen(regimen.HouseholdId, regimen.Id)));
        _ = transaction.HashSetAsync(Regimen(regimen.HouseholdId, regimen.Id), new HashFields()
            .Add("pet", regimen.PetId).Add("createdAt", regimen.CreatedAt).Add("createdBy", regimen.CreatedBy).ToArray());
        for (var i = 0; i < regimen.Versions.Count; i++)
        {
            _ = transaction.ListRightPushAsync(Versions(regimen.HouseholdId, regimen.Id), Serialize(regimen.Versions[i], regimen.ChangedBy[i]));
        }

        _ = transaction.SortedSetAddAsync(HouseholdRegimens(regimen.HouseholdId), regimen.Id.ToString(), regimen.CreatedAt.ToUnixMs());
        _ = transaction.SetAddAsync(HouseholdsWithRegimens, regimen.HouseholdId.ToString());
        if (!await transaction.ExecuteAsync())
        {
            throw new InvalidOperationException($"Regimen {regimen.Id} exists already.");
        }
    }

    public async Task<RegimenRecord?> GetAsync(Guid householdId, Guid regimenId, CancellationToken cancellationToken)
    {
        var head = StoredHash.From(await Db.HashGetAllAsync(Regimen(householdId, regimenId)));
        if (head is null)
        {
            return null;
        }

        var versions = (await Db.ListRangeAsync(Versions(householdId, regimenId)))
            .Select(v => JsonSerializer.Deserialize((string)v!, RedisJsonContext.Default.StoredRegimenVersion)!)
            .ToList();
        return new RegimenRecord(
            regimenId,
            householdId,
            head.Guid("pet"),
            head.Time("createdAt"),
            head.String("createdBy"),
            [.. versions.Select(v => new RegimenVersion(
                v.Version,
                UnixTime.FromUnixMs(v.EffectiveFrom),
                JsonSerializer.Deserialize(v.Terms, WillowJsonContext.Default.RegimenTerms)!,
                v.Paused,
                v.Ended))],
            [.. versions.Select(v => v.ChangedBy)]);
    }

    public async Task<IReadOnlyList<RegimenRecord>> ListAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var ids = await Db.SortedSetRangeByRankAsync(HouseholdRegimens(householdId));
        var regimens = await Task.WhenAll(ids.Select(id => GetAsync(householdId, Guid.Parse(id.ToString()), cancellationToken)));
        return [.. regimens.OfType<RegimenRecord>()];
    }

    public async Task<IReadOnlyList<Guid>> HouseholdsWithRegimensAsync(CancellationToken cancellationToken) =>
        [.. (await Db.SetMembersAsync(HouseholdsWithRegimens)).Select(h => Guid.Parse(h.ToString()))];

    public async Task<bool> AddVersionAsync(Guid householdId, Guid regimenId, RegimenVersion version, string changedBy, CancellationToken cancellationToken)
    {
        if (!await Db.KeyExistsAsync(Regimen(householdId, regimenId)))
        {
            return false;
        }

        // The list holds versions 1..n: appending n + 1 only if it still holds n is "nobody changed it meanwhile".
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.ListLengthEqual(Versions(householdId, regimenId), version.Version - 1));
        _ = transaction.ListRightPushAsync(Versions(householdId, regimenId), Serialize(version, changedBy));
        return version.Version > 1 && await transaction.ExecuteAsync();
    }

    private static RedisValue Serialize(RegimenVersion version, string changedBy) =>
        JsonSerializer.Serialize(
            new StoredRegimenVersion(
                version.Version,
                version.EffectiveFrom.ToUnixMs(),
                JsonSerializer.Serialize(version.Terms, WillowJsonContext.Default.RegimenTerms),
                version.Paused,
                version.Ended,
                changedBy),
            RedisJsonContext.Default.StoredRegimenVersion);
}
