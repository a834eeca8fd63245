using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Agent.Hardware;
using Willow.Core.Media;

namespace Willow.Agent.Capabilities.Camera;

/// <summary>
/// The camera through ffmpeg: a V4L2 device (<c>Driver: v4l2</c>) or ffmpeg's test picture
/// (<c>Driver: simulated</c>), with one code path for both. A photo is the live view's next frame while it
/// runs, or else one ffmpeg run of its own; the two never open the device at the same time.
/// </summary>
public sealed class FfmpegCamera : ICamera, IAsyncDisposable
{
    /// <summary>How often a photo looks again at a device that a starting or ending capture holds (ffmpeg opens or closes it in tens of ms).</summary>
    private static readonly TimeSpan DeviceBusyRetry = TimeSpan.FromMilliseconds(50);

    private readonly CameraOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FfmpegCamera> _logger;
    private readonly SemaphoreSlim _device = new(1, 1);
    private readonly LiveView _live;
    private int _deviceOpenings;

    public FfmpegCamera(IOptions<CameraOptions> options, TimeProvider time, ILogger<FfmpegCamera> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _live = new LiveView(_options, _device, time, logger, () => Interlocked.Increment(ref _deviceOpenings));
    }

    /// <summary>How many times ffmpeg has opened the camera: once per photo taken alone, once per live-view capture.</summary>
    public int DeviceOpenings => Volatile.Read(ref _deviceOpenings);

    public LiveView LiveView => _live;

    public CameraViewer Watch() => _live.Join();

    public async Task<byte[]> TakePhotoAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.SnapshotTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            while (true)
            {
                // Null at once when no capture runs, or when the running one ends before its next frame.
                if (await _live.NextFreshFrameAsync(linked.Token) is { } frame)
                {
                    CameraLog.PhotoFromLiveView(_logger, frame.Number);
                    return frame.Jpeg.ToArray();
                }

                if (_device.Wait(0, CancellationToken.None))
                {
                    break;
                }

                // A capture holds the device while it starts or ends; look again in a moment.
                await Task.Delay(DeviceBusyRetry, _time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CameraFaultException(string.Create(
                CultureInfo.InvariantCulture,
                $"The camera gave no picture within {_options.SnapshotTimeout.TotalSeconds:0.#} s; its live view may have stalled."));
        }

        try
        {
            return await CaptureOneAsync(cancellationToken);
        }
        finally
        {
            _device.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _live.DisposeAsync();
        _device.Dispose();
    }

    private async Task<byte[]> CaptureOneAsync(CancellationToken cancellationToken)
    {
        ProgramResult result;
        try
        {
            Interlocked.Increment(ref _deviceOpenings);
            result = await ExternalProgram.RunAsync(
                CameraCommandLine.Program, CameraCommandLine.Snapshot(_options), _options.SnapshotTimeout, _time, cancellationToken);
        }
        catch (Exception ex) when (ex is ExternalProgramMissingException or TimeoutException)
        {
            throw new CameraFaultException(ex.Message, ex);
        }

        if (!result.Succeeded)
        {
            throw new CameraFaultException(Describe(result));
        }

        var frames = new JpegFrameSplitter().Push(result.Output);
        return frames.Count > 0
            ? frames[0]
            : throw new CameraFaultException($"ffmpeg ended without a picture ({result.Output.Length} bytes of output).");
    }

    private string Describe(ProgramResult result) =>
        _options.IsSimulated
            ? result.Describe(CameraCommandLine.Program)
            : $"The camera at {_options.Device} gave no picture. {result.Describe(CameraCommandLine.Program)}";
}
