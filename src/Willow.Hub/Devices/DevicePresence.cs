namespace Willow.Hub.Devices;

/// <summary>
/// A device is online if its last report said so and that report is recent. The second half covers a hub
/// that was down when a gateway vanished and so never heard it go.
/// </summary>
public static class DevicePresence
{
    public static bool IsOnline(DeviceRecord device, DateTimeOffset now, TimeSpan offlineAfter) =>
        device.Online && device.LastSeenAt is { } seen && now - seen <= offlineAfter;
}
