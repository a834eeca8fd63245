using StackExchange.Redis;
using Willow.Hub.Households;

namespace Willow.Hub.Storage.Redis;

/// <summary>Households in Redis: a hash each. The first owner's membership is written in the same transaction.</summary>
public sealed class RedisHouseholdStore(RedisStorage redis) : IHouseholdStore
{
    private IDatabase Db => redis.Database;

    internal static RedisKey HouseholdKey(RedisStorage redis, Guid householdId) => redis.Key($"household:{householdId}");

    public async Task CreateAsync(Household household, Membership owner, CancellationToken cancellationToken)
    {
        var key = HouseholdKey(redis, household.Id);
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(key));
        _ = transaction.HashSetAsync(key, new HashFields()
            .Add("name", household.Name).Add("timeZone", household.TimeZone).Add("createdAt", household.CreatedAt).ToArray());
        RedisMembershipStore.Write(redis, transaction, owner with { Role = HouseholdRole.Owner, EndsAt = null });
        _ = transaction.StringIncrementAsync(RedisMembershipStore.VersionKey(redis, household.Id));
        if (!await transaction.ExecuteAsync())
        {
            throw new InvalidOperationException($"Household {household.Id} exists already.");
        }
    }

    public async Task<bool> UpdateAsync(Guid householdId, string name, string timeZone, CancellationToken cancellationToken)
    {
        var key = HouseholdKey(redis, householdId);
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyExists(key));
        _ = transaction.HashSetAsync(key, new HashFields().Add("name", name).Add("timeZone", timeZone).ToArray());
        return await transaction.ExecuteAsync();
    }

    public async Task<Household?> GetAsync(Guid householdId, CancellationToken cancellationToken) =>
        StoredHash.From(await Db.HashGetAllAsync(HouseholdKey(redis, householdId))) is { } hash
            ? new Household(householdId, hash.String("name"), hash.String("timeZone"), hash.Time("createdAt"))
            : null;

    public async Task<IReadOnlyList<Household>> ListAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var households = await Task.WhenAll(householdIds.Distinct().Select(id => GetAsync(id, cancellationToken)));
        return [.. households.OfType<Household>().OrderBy(h => h.Name, StringComparer.Ordinal)];
    }
}
