namespace Willow.Core.Regimens;

/// <summary>
/// A regimen with all its versions, in the household's zone: everything needed to work out its doses,
/// on the hub or on a gateway with no hub in reach.
/// </summary>
public sealed record RegimenPlan(
    Guid Id,
    Guid HouseholdId,
    Guid PetId,
    string PetName,
    string TimeZone,
    IReadOnlyList<RegimenVersion> Versions)
{
    public RegimenVersion Current => Versions[^1];

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool IsActive => Current is { Paused: false, Ended: false };
}
