using Microsoft.Extensions.Logging;

namespace Willow.Gateway.Photos;

internal static partial class PhotoLog
{
    [LoggerMessage(EventId = 2550, Level = LogLevel.Information, Message = "Photo {CommandId} from {DeviceId} reached the hub ({Bytes} bytes)")]
    public static partial void Delivered(ILogger logger, Guid commandId, string deviceId, int bytes);

    [LoggerMessage(EventId = 2551, Level = LogLevel.Warning, Message = "Photo {CommandId} from {DeviceId} is not through yet (attempt {Attempt}); next try in {Delay}: {Reason}")]
    public static partial void Postponed(ILogger logger, Guid commandId, string deviceId, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 2552, Level = LogLevel.Error, Message = "Photo {CommandId} from {DeviceId} is dropped: {Reason}")]
    public static partial void Dropped(ILogger logger, Guid commandId, string deviceId, string reason);
}
