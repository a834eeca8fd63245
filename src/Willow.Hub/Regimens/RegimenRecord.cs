using Willow.Core.Regimens;

namespace Willow.Hub.Regimens;

/// <summary>A regimen as the store keeps it: who it is for, and every version of its terms with who made it.</summary>
public sealed record RegimenRecord(
    Guid Id,
    Guid HouseholdId,
    Guid PetId,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyList<RegimenVersion> Versions,
    IReadOnlyList<string> ChangedBy)
{
    public RegimenVersion Current => Versions[^1];

    public RegimenPlan ToPlan(string petName, string timeZone) => new(Id, HouseholdId, PetId, petName, timeZone, Versions);
}
