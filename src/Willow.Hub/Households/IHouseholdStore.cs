namespace Willow.Hub.Households;

/// <summary>Where households are kept.</summary>
public interface IHouseholdStore
{
    /// <summary>Creates the household, or updates its name and zone if it exists.</summary>
    Task UpsertAsync(Household household, CancellationToken cancellationToken);

    Task<Household?> GetAsync(Guid householdId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Household>> ListAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken);
}
