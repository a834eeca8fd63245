using Microsoft.Extensions.Logging;

namespace Willow.Gateway.Readings;

internal static partial class ReadingLog
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Collecting readings from {DeviceId} from sequence {After}")]
    public static partial void Following(ILogger logger, string deviceId, long after);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Debug, Message = "Queued {Count} readings of {DeviceId} for the hub (next {Next})")]
    public static partial void Queued(ILogger logger, string deviceId, int count, long next);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning, Message = "Could not collect readings from {DeviceId}; trying again in {Delay}: {Reason}")]
    public static partial void CollectFailed(ILogger logger, string deviceId, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Warning, Message = "{DeviceId} now numbers its readings from {Next}, below the gateway's cursor {After}: its store was replaced; collecting from the start")]
    public static partial void AgentStartedOver(ILogger logger, string deviceId, long after, long next);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Warning, Message = "The hub has been out of reach long enough that {Count} queued readings were dropped, oldest first")]
    public static partial void Dropped(ILogger logger, int count);

    [LoggerMessage(EventId = 2505, Level = LogLevel.Information, Message = "Stopped collecting readings from {DeviceId}: it is no longer a sensors agent of this home")]
    public static partial void Stopped(ILogger logger, string deviceId);
}
