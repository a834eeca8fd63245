namespace Willow.Hub.Gateways;

/// <summary>
/// A home's gateway: whether it has enrolled (exchanged its one-time code for a token), whether its token
/// was revoked, the state of its link to the hub (and, while connected, its SignalR connection, which any
/// hub node can reach through the backplane), and whether it trusts its clock.
/// </summary>
public sealed record GatewayRecord(
    Guid HouseholdId,
    string GatewayId,
    bool Connected,
    DateTimeOffset? LastConnectedAt,
    DateTimeOffset? LastSeenAt,
    bool? ClockTrusted = null,
    string? ClockReason = null,
    DateTimeOffset? ClockReportedAt = null,
    DateTimeOffset? EnrolledAt = null,
    DateTimeOffset? RevokedAt = null,
    DateTimeOffset? CodeExpiresAt = null,
    string? ConnectionId = null);
