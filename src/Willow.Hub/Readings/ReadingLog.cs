namespace Willow.Hub.Readings;

internal static partial class ReadingLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Debug, Message = "Gateway {GatewayId} reported {Count} readings of {DeviceId}, {New} new")]
    public static partial void Reported(ILogger logger, string gatewayId, string deviceId, int count, int @new);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Gateway {GatewayId} reported readings of {DeviceId}, which is not its device; dropped")]
    public static partial void NotItsDevice(ILogger logger, string gatewayId, string deviceId);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Dropped {Count} readings of {DeviceId} with an unknown metric or a value that is not a number")]
    public static partial void Malformed(ILogger logger, string deviceId, int count);
}
