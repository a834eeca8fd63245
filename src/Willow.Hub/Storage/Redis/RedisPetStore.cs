using StackExchange.Redis;
using Willow.Hub.Pets;

namespace Willow.Hub.Storage.Redis;

/// <summary>Pets in Redis: a hash each, and a hash per household from name to id that keeps names unique.</summary>
public sealed class RedisPetStore(RedisStorage redis) : IPetStore
{
    private IDatabase Db => redis.Database;

    private RedisKey Pet(Guid householdId, Guid petId) => redis.Key($"household:{householdId}:pet:{petId}");

    private RedisKey Names(Guid householdId) => redis.Key($"household:{householdId}:pet-names");

    public async Task<bool> CreateAsync(Pet pet, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.HashNotExists(Names(pet.HouseholdId), pet.Name));
        transaction.AddCondition(Condition.KeyNotExists(Pet(pet.HouseholdId, pet.Id)));
        _ = transaction.HashSetAsync(Names(pet.HouseholdId), pet.Name, pet.Id.ToString());
        _ = transaction.HashSetAsync(Pet(pet.HouseholdId, pet.Id), new HashFields()
            .Add("name", pet.Name).Add("species", pet.Species).Add("createdAt", pet.CreatedAt).ToArray());
        return await transaction.ExecuteAsync();
    }

    public async Task<Pet?> GetAsync(Guid householdId, Guid petId, CancellationToken cancellationToken) =>
        StoredHash.From(await Db.HashGetAllAsync(Pet(householdId, petId))) is { } hash
            ? new Pet(petId, householdId, hash.String("name"), hash.NullableString("species"), hash.Time("createdAt"))
            : null;

    public async Task<IReadOnlyList<Pet>> ListAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var ids = await Db.HashValuesAsync(Names(householdId));
        var pets = await Task.WhenAll(ids.Select(id => GetAsync(householdId, Guid.Parse(id.ToString()), cancellationToken)));
        return [.. pets.OfType<Pet>().OrderBy(p => p.Name, StringComparer.Ordinal)];
    }
}
