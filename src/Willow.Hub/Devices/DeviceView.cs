namespace Willow.Hub.Devices;

/// <summary>
/// A device as the API shows it. For a dispenser with a known capacity: what remains, how many scheduled
/// doses that covers (looking <see cref="CapacityForecast.Horizon"/> ahead) and when it runs out; while
/// its lockout lasts, until when (null once it has passed, whatever the last report said).
/// </summary>
public sealed record DeviceView(
    string Id,
    string Name,
    IReadOnlyList<string> Capabilities,
    string Link,
    string? GatewayId,
    bool Online,
    DateTimeOffset? LastSeenAt,
    string? Version,
    int? Capacity,
    int? Remaining,
    int? DosesLeft,
    DateTimeOffset? RunsOutAt,
    DateTimeOffset? LockedUntil,
    IReadOnlyList<string>? Sounds)
{
    public static DeviceView From(DeviceRecord device, DateTimeOffset now, TimeSpan offlineAfter, (int? DosesLeft, DateTimeOffset? RunsOutAt) forecast = default) => new(
        device.DeviceId,
        device.Name,
        device.Capabilities,
        device.Link,
        device.GatewayId,
        DevicePresence.IsOnline(device, now, offlineAfter),
        device.LastSeenAt,
        device.Version,
        device.Capacity,
        device.Remaining,
        forecast.DosesLeft,
        forecast.RunsOutAt,
        device.LockedUntil > now ? device.LockedUntil : null,
        device.Sounds);
}
