namespace Willow.Hub.Devices;

/// <summary>Structured log messages of devices (event ids 1300–1399).</summary>
internal static partial class DeviceLog
{
    [LoggerMessage(1300, LogLevel.Information, "Dispenser {DeviceId} refilled to {Remaining} of {Capacity} portions by {Caller}")]
    public static partial void Refilled(ILogger logger, string deviceId, int remaining, int capacity, string caller);
}
