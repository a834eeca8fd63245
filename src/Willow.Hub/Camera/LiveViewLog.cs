namespace Willow.Hub.Camera;

internal static partial class LiveViewLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Live view {StreamId} of {DeviceId} started")]
    public static partial void Started(ILogger logger, string deviceId, Guid streamId);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Live view {StreamId} of {DeviceId} ended after {Frames} frames")]
    public static partial void Ended(ILogger logger, string deviceId, Guid streamId, int frames);
}
