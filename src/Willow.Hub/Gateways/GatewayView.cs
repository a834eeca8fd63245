namespace Willow.Hub.Gateways;

/// <summary>
/// A gateway as the API shows it: <c>waiting</c> for enrolment, <c>enrolled</c> or <c>revoked</c>. A gateway that
/// does not trust its clock gives no scheduled dose.
/// </summary>
public sealed record GatewayView(
    string Id,
    string Status,
    bool Connected,
    DateTimeOffset? LastConnectedAt,
    DateTimeOffset? LastSeenAt,
    bool? ClockTrusted,
    string? ClockReason,
    DateTimeOffset? EnrolledAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? CodeExpiresAt)
{
    public static GatewayView From(GatewayRecord record) => new(
        record.GatewayId,
        record.RevokedAt is not null ? "revoked" : record.EnrolledAt is not null ? "enrolled" : "waiting",
        record.Connected,
        record.LastConnectedAt,
        record.LastSeenAt,
        record.ClockTrusted,
        record.ClockReason,
        record.EnrolledAt,
        record.RevokedAt,
        record.CodeExpiresAt);
}
