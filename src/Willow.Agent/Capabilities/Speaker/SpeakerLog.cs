using Microsoft.Extensions.Logging;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>Structured log messages of the speaker (event ids 3350–3399).</summary>
internal static partial class SpeakerLog
{
    [LoggerMessage(3350, LogLevel.Information, "Built-in sound {Sound} written to {Path}")]
    public static partial void BuiltInWritten(ILogger logger, string sound, string path);

    [LoggerMessage(3351, LogLevel.Information, "Sound {Sound} {Change}")]
    public static partial void SoundKept(ILogger logger, string sound, string change);

    [LoggerMessage(3352, LogLevel.Information, "Sound {Sound} deleted")]
    public static partial void SoundDeleted(ILogger logger, string sound);

    [LoggerMessage(3353, LogLevel.Information, "Upload of sound {Sound} refused ({Status}): {Detail}")]
    public static partial void UploadRefused(ILogger logger, string sound, int status, string detail);

    [LoggerMessage(3354, LogLevel.Warning, "Volume not set to {Percent}% on mixer control '{Control}' of '{MixerDevice}': {Reason}. List the controls with: amixer -D {MixerDevice} scontrols")]
    public static partial void VolumeNotSet(ILogger logger, int percent, string control, string mixerDevice, string reason);

    [LoggerMessage(3355, LogLevel.Warning, "Call not played: {Reason}")]
    public static partial void NotPlayed(ILogger logger, string reason);

    [LoggerMessage(3356, LogLevel.Information, "Sound library {Directory}: {Count} sounds")]
    public static partial void LibraryOpened(ILogger logger, string directory, int count);
}
