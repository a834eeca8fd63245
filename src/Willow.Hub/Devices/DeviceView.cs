namespace Willow.Hub.Devices;

/// <summary>A device as the API shows it.</summary>
public sealed record DeviceView(
    string Id,
    string Name,
    IReadOnlyList<string> Capabilities,
    string Link,
    string? GatewayId,
    bool Online,
    DateTimeOffset? LastSeenAt,
    string? Version)
{
    public static DeviceView From(DeviceRecord device, DateTimeOffset now, TimeSpan offlineAfter) => new(
        device.DeviceId,
        device.Name,
        device.Capabilities,
        device.Link,
        device.GatewayId,
        DevicePresence.IsOnline(device, now, offlineAfter),
        device.LastSeenAt,
        device.Version);
}
