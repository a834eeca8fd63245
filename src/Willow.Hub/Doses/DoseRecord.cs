using Willow.Core.Commands;
using Willow.Core.Doses;

namespace Willow.Hub.Doses;

/// <summary>A dose with an outcome, as the store keeps it. Doses with no record yet are simply scheduled.</summary>
public sealed record DoseRecord(
    Guid Id,
    Guid HouseholdId,
    Guid RegimenId,
    DateTimeOffset ScheduledAt,
    DoseState State,
    EventSource StateSource,
    Guid? CommandId,
    string? Detail,
    string? ConfirmedBy,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<DoseEvent> Events);

/// <summary>One step in a dose's record.</summary>
public sealed record DoseEvent(DoseState State, DateTimeOffset At, EventSource Source, Guid? CommandId, string? Detail);
