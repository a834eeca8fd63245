using Willow.Core.Regimens;

namespace Willow.Core.Protocol;

/// <summary>
/// Everything a gateway needs to run a home's doses alone: every regimen with its versions, and the doses
/// people chose to skip. Sent whole on every change and on every connect.
/// </summary>
public sealed record RegimenSet(Guid HouseholdId, IReadOnlyList<RegimenPlan> Regimens, IReadOnlyList<Guid> SkippedDoses, DateTimeOffset At);
