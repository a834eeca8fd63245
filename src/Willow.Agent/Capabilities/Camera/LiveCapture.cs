using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Willow.Agent.Hardware;
using Willow.Core.Media;

namespace Willow.Agent.Capabilities.Camera;

/// <summary>One run of the live view's ffmpeg: it starts the process and hands each JPEG of its output on.</summary>
internal static class LiveCapture
{
    /// <summary>Runs ffmpeg until it ends or is stopped; returns why it ended by itself, or null if it was stopped.</summary>
    /// <exception cref="ExternalProgramMissingException">ffmpeg is not installed.</exception>
    public static async Task<string?> RunAsync(
        CameraOptions options, Action<byte[]> onFrame, Action onOpened, ILogger logger, CancellationToken stop)
    {
        using var process = ExternalProgram.Start(CameraCommandLine.Program, CameraCommandLine.Stream(options));
        onOpened();
        CameraLog.CaptureStarted(logger, process.Id, options.Width, options.Height, options.FrameRate);

        // Killing ffmpeg closes its output, which ends the read below; a pipe read may not heed the token.
        using var killOnStop = stop.Register(() => ExternalProgram.Kill(process));
        var errors = LastErrorAsync(process);
        var splitter = new JpegFrameSplitter();
        var buffer = new byte[64 * 1024];
        var output = process.StandardOutput.BaseStream;
        try
        {
            int read;
            while ((read = await output.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                foreach (var jpeg in splitter.Push(buffer.AsSpan(0, read)))
                {
                    onFrame(jpeg);
                }
            }
        }
        finally
        {
            ExternalProgram.Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        var reason = await errors;
        if (splitter.Dropped > 0)
        {
            CameraLog.FramesDropped(logger, splitter.Dropped);
        }

        if (stop.IsCancellationRequested)
        {
            return null;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"ffmpeg exited with code {process.ExitCode}{(reason is null ? "." : $": {reason}")}");
    }

    /// <summary>Drains ffmpeg's error output (a full pipe would stall it) and keeps its last line, the reason it stopped.</summary>
    private static async Task<string?> LastErrorAsync(Process process)
    {
        string? last = null;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                last = line.Trim();
            }
        }

        return last;
    }
}
