using Microsoft.Extensions.Logging;

namespace Willow.Gateway.Sounds;

internal static partial class SoundLog
{
    [LoggerMessage(EventId = 2600, Level = LogLevel.Information, Message = "{DeviceId}: did {What}; it has {Count} sounds now")]
    public static partial void Changed(ILogger logger, string deviceId, string what, int count);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "{DeviceId}: could not {What} ({Status}): {Problem}")]
    public static partial void Refused(ILogger logger, string deviceId, string what, int status, string problem);
}
