namespace Willow.Hub.Gateways;

/// <summary>A gateway as the API shows it. A gateway that does not trust its clock gives no scheduled dose.</summary>
public sealed record GatewayView(string Id, bool Connected, DateTimeOffset? LastConnectedAt, DateTimeOffset? LastSeenAt, bool? ClockTrusted, string? ClockReason)
{
    public static GatewayView From(GatewayRecord record) =>
        new(record.GatewayId, record.Connected, record.LastConnectedAt, record.LastSeenAt, record.ClockTrusted, record.ClockReason);
}
