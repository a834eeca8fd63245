using Willow.Core.Commands;
using Willow.Core.Doses;

namespace Willow.Hub.Doses;

/// <summary>An outcome to record for a dose, from the home or from the hub.</summary>
public sealed record DoseOutcome(
    Guid DoseId, Guid RegimenId, DateTimeOffset ScheduledAt, DoseState State, EventSource Source, Guid? CommandId, DateTimeOffset At, string? Detail);

/// <summary>What recording an outcome did, and the dose as it now stands.</summary>
public sealed record DoseTransition(TransitionDecision Decision, DoseRecord Dose, DoseState? Previous);
