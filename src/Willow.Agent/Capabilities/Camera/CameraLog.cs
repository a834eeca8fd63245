using Microsoft.Extensions.Logging;

namespace Willow.Agent.Capabilities.Camera;

/// <summary>Structured log messages of the camera (event ids 3400–3449).</summary>
internal static partial class CameraLog
{
    [LoggerMessage(3400, LogLevel.Information, "Command {CommandId}: took a {Width}x{Height} photo ({Bytes} bytes)")]
    public static partial void PhotoTaken(ILogger logger, Guid commandId, int width, int height, int bytes);

    [LoggerMessage(3401, LogLevel.Warning, "Command {CommandId}: no photo: {Reason}")]
    public static partial void PhotoFailed(ILogger logger, Guid commandId, string reason);

    [LoggerMessage(3402, LogLevel.Information, "Removed {Count} old photo file(s)")]
    public static partial void PhotosRemoved(ILogger logger, int count);

    [LoggerMessage(3403, LogLevel.Debug, "Photo taken from live-view frame {FrameNumber} instead of opening the device again")]
    public static partial void PhotoFromLiveView(ILogger logger, long frameNumber);

    [LoggerMessage(3410, LogLevel.Information, "Live view: ffmpeg (pid {ProcessId}) capturing {Width}x{Height} at {FrameRate} fps")]
    public static partial void CaptureStarted(ILogger logger, int processId, int width, int height, int frameRate);

    [LoggerMessage(3411, LogLevel.Information, "Live view: no viewer for {Linger}; stopping the capture")]
    public static partial void CaptureStopping(ILogger logger, TimeSpan linger);

    [LoggerMessage(3412, LogLevel.Warning, "Live view ended by itself: {Reason}")]
    public static partial void CaptureFailed(ILogger logger, string reason);

    [LoggerMessage(3413, LogLevel.Warning, "Live view: dropped {Count} malformed or oversized frame(s) from ffmpeg")]
    public static partial void FramesDropped(ILogger logger, int count);

    [LoggerMessage(3414, LogLevel.Debug, "Live view: a viewer joined; {Viewers} watching")]
    public static partial void ViewerJoined(ILogger logger, int viewers);

    [LoggerMessage(3415, LogLevel.Debug, "Live view: a viewer left; {Viewers} watching")]
    public static partial void ViewerLeft(ILogger logger, int viewers);
}
