namespace Willow.Hub.Gateways;

/// <summary>A home's gateway, the state of its link to the hub, and whether it trusts its clock.</summary>
public sealed record GatewayRecord(
    Guid HouseholdId,
    string GatewayId,
    bool Connected,
    DateTimeOffset? LastConnectedAt,
    DateTimeOffset? LastSeenAt,
    bool? ClockTrusted = null,
    string? ClockReason = null,
    DateTimeOffset? ClockReportedAt = null);
