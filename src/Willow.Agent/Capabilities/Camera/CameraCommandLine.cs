using System.Globalization;

namespace Willow.Agent.Capabilities.Camera;

/// <summary>
/// The ffmpeg command lines the camera runs. The real camera and its simulated twin differ only in their
/// input: a V4L2 device, or ffmpeg's <c>testsrc2</c> pattern at the same size and rate, so that the twin
/// runs the same capture, encoding and framing code and produces real JPEGs.
/// </summary>
public static class CameraCommandLine
{
    public const string Program = "ffmpeg";

    /// <summary>One JPEG on standard output, after <see cref="CameraOptions.WarmUpFrames"/> frames.</summary>
    public static IReadOnlyList<string> Snapshot(CameraOptions options)
    {
        List<string> arguments = [.. Preamble(), .. Input(options, realTime: false)];
        if (options.WarmUpFrames > 0)
        {
            // In a filter graph ',' separates filters, so the one inside the expression is escaped.
            arguments.AddRange(["-vf", string.Create(CultureInfo.InvariantCulture, $"select=gte(n\\,{options.WarmUpFrames})")]);
        }

        arguments.AddRange(["-frames:v", "1", .. JpegOutput(options)]);
        return arguments;
    }

    /// <summary>A JPEG per frame on standard output, for as long as it runs.</summary>
    public static IReadOnlyList<string> Stream(CameraOptions options) =>
        [.. Preamble(), .. Input(options, realTime: true), "-flush_packets", "1", .. JpegOutput(options)];

    // -nostdin: ffmpeg otherwise reads keys from the agent's standard input.
    private static string[] Preamble() => ["-hide_banner", "-loglevel", "error", "-nostdin"];

    private static IEnumerable<string> Input(CameraOptions options, bool realTime)
    {
        var size = string.Create(CultureInfo.InvariantCulture, $"{options.Width}x{options.Height}");
        var rate = options.FrameRate.ToString(CultureInfo.InvariantCulture);
        if (options.IsSimulated)
        {
            // A camera delivers frames at its own pace; the test source must be told to (-re), or it runs flat out.
            return realTime
                ? ["-re", "-f", "lavfi", "-i", $"testsrc2=size={size}:rate={rate}"]
                : ["-f", "lavfi", "-i", $"testsrc2=size={size}:rate={rate}"];
        }

        return ["-f", "v4l2", "-input_format", options.InputFormat, "-video_size", size, "-framerate", rate, "-i", options.Device];
    }

    private static string[] JpegOutput(CameraOptions options) =>
        ["-an", "-c:v", "mjpeg", "-q:v", options.Quality.ToString(CultureInfo.InvariantCulture), "-f", "image2pipe", "pipe:1"];
}
