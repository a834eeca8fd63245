namespace Willow.Hub.Doses;

/// <summary>How a pet's medication has gone, regimen by regimen.</summary>
public sealed record AdherenceView(Guid PetId, string PetName, DateTimeOffset? From, DateTimeOffset To, IReadOnlyList<RegimenAdherence> Regimens);

/// <summary>
/// Counts of doses whose window has closed: <see cref="Due"/> of them, given (<see cref="Dispensed"/>),
/// <see cref="Missed"/>, <see cref="Skipped"/>, <see cref="Uncertain"/>, and not yet accounted for by anyone.
/// <see cref="Percent"/> is given out of due-and-not-skipped.
/// </summary>
public sealed record RegimenAdherence(
    Guid RegimenId,
    string Medication,
    string Status,
    int Due,
    int Dispensed,
    int Confirmed,
    int Missed,
    int Skipped,
    int Uncertain,
    int Unaccounted,
    double? Percent,
    DateTimeOffset? NextDoseAt);
