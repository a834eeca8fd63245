using Willow.Core.Protocol;

namespace Willow.Gateway.Doses;

/// <summary>A dose in the gateway's journal.</summary>
public sealed record HomeDose(
    Guid DoseId,
    Guid RegimenId,
    DateTimeOffset ScheduledAt,
    HomeDoseState State,
    Guid? CommandId,
    CommandEnvelope? Command,
    DateTimeOffset? IssueAfter,
    string? Detail,
    DateTimeOffset UpdatedAt);
