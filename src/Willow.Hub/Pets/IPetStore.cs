namespace Willow.Hub.Pets;

/// <summary>Where pets are kept.</summary>
public interface IPetStore
{
    /// <summary>Adds a pet; false if the household already has a pet by that name.</summary>
    Task<bool> CreateAsync(Pet pet, CancellationToken cancellationToken);

    Task<Pet?> GetAsync(Guid householdId, Guid petId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Pet>> ListAsync(Guid householdId, CancellationToken cancellationToken);
}
