using Willow.Agent.Capabilities.Camera;

namespace Willow.Agent.Tests.Camera;

public sealed class CameraCommandLineTests
{
    private static readonly CameraOptions Webcam = new()
    {
        Driver = "v4l2",
        Device = "/dev/video2",
        InputFormat = "yuyv422",
        Width = 1280,
        Height = 720,
        FrameRate = 10,
        Quality = 4,
        WarmUpFrames = 8,
    };

    [Fact]
    public void Snapshot_V4l2Device_AsksTheDeviceForItsFormatSizeAndRate_AndSkipsWarmUpFrames()
    {
        Assert.Equal(
            [
                "-hide_banner", "-loglevel", "error", "-nostdin",
                "-f", "v4l2", "-input_format", "yuyv422", "-video_size", "1280x720", "-framerate", "10", "-i", "/dev/video2",
                "-vf", "select=gte(n\\,8)", "-frames:v", "1",
                "-an", "-c:v", "mjpeg", "-q:v", "4", "-f", "image2pipe", "pipe:1",
            ],
            CameraCommandLine.Snapshot(Webcam));
    }

    [Fact]
    public void Stream_V4l2Device_WritesEveryFrameAsItComes()
    {
        Assert.Equal(
            [
                "-hide_banner", "-loglevel", "error", "-nostdin",
                "-f", "v4l2", "-input_format", "yuyv422", "-video_size", "1280x720", "-framerate", "10", "-i", "/dev/video2",
                "-flush_packets", "1",
                "-an", "-c:v", "mjpeg", "-q:v", "4", "-f", "image2pipe", "pipe:1",
            ],
            CameraCommandLine.Stream(Webcam));
    }

    [Fact]
    public void Simulated_SameSizeAndRateFromTheTestSource_PacedOnlyWhenStreaming()
    {
        var options = new CameraOptions { Driver = "simulated", Width = 320, Height = 240, FrameRate = 5, WarmUpFrames = 0 };

        var snapshot = CameraCommandLine.Snapshot(options);
        var stream = CameraCommandLine.Stream(options);

        Assert.Equal(["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=5"], snapshot.Skip(4).Take(4));
        Assert.DoesNotContain("-vf", snapshot);
        Assert.DoesNotContain("-re", snapshot);
        Assert.Equal(["-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=5"], stream.Skip(4).Take(5));
        Assert.DoesNotContain(options.Device, stream);
    }
}
