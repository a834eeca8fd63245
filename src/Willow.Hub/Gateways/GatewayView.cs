namespace Willow.Hub.Gateways;

/// <summary>A gateway as the API shows it.</summary>
public sealed record GatewayView(string Id, bool Connected, DateTimeOffset? LastConnectedAt, DateTimeOffset? LastSeenAt)
{
    public static GatewayView From(GatewayRecord record) => new(record.GatewayId, record.Connected, record.LastConnectedAt, record.LastSeenAt);
}
