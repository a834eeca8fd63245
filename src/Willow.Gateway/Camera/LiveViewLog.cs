using Microsoft.Extensions.Logging;

namespace Willow.Gateway.Camera;

internal static partial class LiveViewLog
{
    [LoggerMessage(EventId = 2650, Level = LogLevel.Information, Message = "Live view {StreamId} of {DeviceId} is streaming to the hub")]
    public static partial void Started(ILogger logger, string deviceId, Guid streamId);

    [LoggerMessage(EventId = 2651, Level = LogLevel.Information, Message = "Live view {StreamId} of {DeviceId} ended after {Frames} frames")]
    public static partial void Ended(ILogger logger, string deviceId, Guid streamId, int frames);

    [LoggerMessage(EventId = 2652, Level = LogLevel.Warning, Message = "Live view {StreamId} of {DeviceId} stopped: {Reason}")]
    public static partial void Failed(ILogger logger, string deviceId, Guid streamId, string reason);
}
