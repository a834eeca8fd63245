namespace Willow.Hub.Households;

/// <summary>Where households are kept.</summary>
public interface IHouseholdStore
{
    /// <summary>Creates a household with its first owner, together.</summary>
    Task CreateAsync(Household household, Membership owner, CancellationToken cancellationToken);

    /// <summary>Changes the household's name and zone.</summary>
    Task<bool> UpdateAsync(Guid householdId, string name, string timeZone, CancellationToken cancellationToken);

    Task<Household?> GetAsync(Guid householdId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Household>> ListAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken);
}
