using Willow.Core.Doses;

namespace Willow.Core.Protocol;

/// <summary>A dose's outcome as the gateway recorded it (sent through the outbox; idempotent at the hub).</summary>
public sealed record DoseReport(
    Guid DoseId,
    Guid RegimenId,
    DateTimeOffset ScheduledAt,
    DoseState State,
    Guid? CommandId,
    DateTimeOffset At,
    string? Detail);
