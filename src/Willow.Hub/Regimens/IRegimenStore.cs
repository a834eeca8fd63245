using Willow.Core.Regimens;

namespace Willow.Hub.Regimens;

/// <summary>Where regimens and their versions are kept. A version, once written, never changes.</summary>
public interface IRegimenStore
{
    Task CreateAsync(RegimenRecord regimen, CancellationToken cancellationToken);

    Task<RegimenRecord?> GetAsync(Guid householdId, Guid regimenId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RegimenRecord>> ListAsync(Guid householdId, CancellationToken cancellationToken);

    /// <summary>The households that have a regimen not ended, for the jobs that watch every home.</summary>
    Task<IReadOnlyList<Guid>> HouseholdsWithRegimensAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Appends a version. False if <paramref name="version"/> is not the next number (someone else changed
    /// the regimen meanwhile): the caller reads again and decides again.
    /// </summary>
    Task<bool> AddVersionAsync(Guid householdId, Guid regimenId, RegimenVersion version, string changedBy, CancellationToken cancellationToken);
}
