using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Willow.Agent.Capabilities.Camera;
using Willow.Core.Media;

namespace Willow.Agent.Tests.Camera;

/// <summary>The ffmpeg camera with ffmpeg's test source as its input: real processes, real JPEGs.</summary>
public sealed class SimulatedCameraTests
{
    [Fact]
    public async Task TakePhoto_SimulatedCamera_GivesARealJpegOfTheConfiguredSize()
    {
        await using var camera = Camera(new CameraOptions { Driver = "simulated", Width = 640, Height = 480 });

        var jpeg = await camera.TakePhotoAsync(default);

        Assert.True(JpegImage.TryReadSize(jpeg, out var width, out var height));
        Assert.Equal((640, 480), (width, height));
        var (bytes, errors) = await JpegFiles.DecodeToRgbAsync(jpeg);
        Assert.Equal(640 * 480 * 3, bytes);
        Assert.Equal("", errors);
        Assert.Equal(1, camera.DeviceOpenings);
    }

    [Fact]
    public async Task Watch_TwoViewersAtOnce_BothGetSeveralDistinctFramesFromOneCapture()
    {
        await using var camera = Camera(Small());
        using var first = camera.Watch();
        using var second = camera.Watch();

        var frames = await Task.WhenAll(FramesAsync(first, 4), FramesAsync(second, 4));

        foreach (var viewer in frames)
        {
            Assert.Equal(4, viewer.Select(f => Convert.ToHexString(f.Jpeg.Span)).Distinct().Count());
            Assert.All(viewer, f => Assert.True(JpegImage.TryReadSize(f.Jpeg.Span, out var w, out var h) && (w, h) == (320, 240)));
            Assert.Equal(viewer.Select(f => f.Number).Order(), viewer.Select(f => f.Number));
        }

        Assert.Equal(1, camera.DeviceOpenings);
        Assert.Equal(2, camera.LiveView.Viewers);
    }

    [Fact]
    public async Task TakePhoto_WhileStreaming_TakesTheNextLiveFrameWithoutOpeningTheDeviceAgain()
    {
        await using var camera = Camera(Small());
        using var viewer = camera.Watch();
        var before = (await FramesAsync(viewer, 1))[0];

        var photo = await camera.TakePhotoAsync(default);

        var after = (await FramesAsync(viewer, 1))[0];
        Assert.True(JpegImage.TryReadSize(photo, out var width, out var height));
        Assert.Equal((320, 240), (width, height));
        Assert.NotEqual(before.Jpeg.ToArray(), photo);
        Assert.Equal(1, camera.DeviceOpenings);
        Assert.True(after.Number > before.Number);
    }

    [Fact]
    public async Task Watch_LastViewerLeaves_CaptureRunsOnForTheLingerThenStops()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var camera = Camera(Small(linger: TimeSpan.FromSeconds(5)), time);
        using (var viewer = camera.Watch())
        {
            await FramesAsync(viewer, 1);
        }

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(camera.LiveView.IsCapturing);

        // A viewer back within the linger gets the same capture.
        using (var back = camera.Watch())
        {
            await FramesAsync(back, 1);
        }

        time.Advance(TimeSpan.FromSeconds(5));
        await Willow.Testing.Eventually.WaitAsync(() => !camera.LiveView.IsCapturing, "the capture to stop");
        Assert.Equal(1, camera.DeviceOpenings);
    }

    [Fact]
    public async Task Watch_AfterTheCaptureStopped_StartsANewOne()
    {
        await using var camera = Camera(Small(linger: TimeSpan.Zero));
        using (var viewer = camera.Watch())
        {
            await FramesAsync(viewer, 1);
        }

        await Willow.Testing.Eventually.WaitAsync(() => !camera.LiveView.IsCapturing, "the capture to stop");
        using var again = camera.Watch();

        Assert.Single(await FramesAsync(again, 1));
        Assert.Equal(2, camera.DeviceOpenings);
    }

    [Fact]
    public async Task TakePhoto_NoSuchDevice_FailsNamingTheDevice()
    {
        await using var camera = Camera(new CameraOptions { Driver = "v4l2", Device = "/dev/video-willow-missing" });

        var fault = await Assert.ThrowsAsync<CameraFaultException>(() => camera.TakePhotoAsync(default));

        Assert.Contains("/dev/video-willow-missing", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_NoSuchDevice_ViewerGetsNoFrameAndTheReason()
    {
        await using var camera = Camera(new CameraOptions { Driver = "v4l2", Device = "/dev/video-willow-missing" });
        using var viewer = camera.Watch();

        var frame = await viewer.NextFrameAsync(default).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Null(frame);
        Assert.Contains("ffmpeg exited", viewer.EndReason, StringComparison.Ordinal);
    }

    internal static CameraOptions Small(TimeSpan? linger = null) => new()
    {
        Driver = "simulated",
        Width = 320,
        Height = 240,
        FrameRate = 10,
        StreamLinger = linger ?? TimeSpan.FromSeconds(5),
    };

    internal static async Task<List<CameraFrame>> FramesAsync(CameraViewer viewer, int count)
    {
        var frames = new List<CameraFrame>();
        while (frames.Count < count)
        {
            var frame = await viewer.NextFrameAsync(default).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.NotNull(frame);
            frames.Add(frame);
        }

        return frames;
    }

    private static FfmpegCamera Camera(CameraOptions options, TimeProvider? time = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options), time ?? TimeProvider.System, NullLogger<FfmpegCamera>.Instance);
}
