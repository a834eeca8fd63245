using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Willow.Agent.Capabilities.Camera;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Testing;

namespace Willow.Agent.Tests.Camera;

/// <summary>The <c>snapshot</c> command through the actuation runner, with the simulated camera.</summary>
public sealed class CameraCapabilityTests : IDisposable
{
    private readonly TempDirectory _photos = new("photos");

    [Fact]
    public async Task Snapshot_KeepsTheJpegUnderTheCommandIdAndSaysWhatItTook()
    {
        using var f = new RunnerFixture();
        await using var camera = Camera();
        var album = Album(f, keep: 10);
        f.Reopen(new CameraCapability(camera, album, NullLogger<CameraCapability>.Instance));
        var request = Snapshot(f);

        var outcome = await f.Runner.RunAsync(request, default);

        Assert.Equal(CommandState.Succeeded, outcome.State);
        Assert.Matches(@"^Took a 320×240 photo \(\d+ KB\)\.$", outcome.Detail);
        var path = Path.Combine(_photos.Path, $"{request.CommandId}.jpg");
        Assert.Equal(path, album.Find(request.CommandId));
        var (bytes, _) = await JpegFiles.DecodeToRgbAsync(await File.ReadAllBytesAsync(path));
        Assert.Equal(320 * 240 * 3, bytes);
        Assert.Empty(Directory.GetFiles(_photos.Path, "*.partial"));
    }

    [Fact]
    public async Task Snapshot_SameCommandTwice_TakesOnePhoto()
    {
        using var f = new RunnerFixture();
        await using var camera = Camera();
        f.Reopen(new CameraCapability(camera, Album(f, keep: 10), NullLogger<CameraCapability>.Instance));
        var request = Snapshot(f);

        await f.Runner.RunAsync(request, default);
        var again = await f.Runner.RunAsync(request, default);

        Assert.True(again.Replayed);
        Assert.Equal(1, camera.DeviceOpenings);
    }

    [Fact]
    public async Task Snapshot_BeyondKeepPhotos_RemovesTheOldest()
    {
        using var f = new RunnerFixture();
        await using var camera = Camera();
        var album = Album(f, keep: 2);
        f.Reopen(new CameraCapability(camera, album, NullLogger<CameraCapability>.Instance));

        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var request = Snapshot(f);
            ids.Add(request.CommandId);
            await f.Runner.RunAsync(request, default);
            f.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Null(album.Find(ids[0]));
        Assert.NotNull(album.Find(ids[1]));
        Assert.NotNull(album.Find(ids[2]));
    }

    [Fact]
    public async Task Snapshot_OlderThanTheRetention_IsRemovedByTheNextPhoto()
    {
        using var f = new RunnerFixture();
        await using var camera = Camera();
        var album = Album(f, keep: 100);
        f.Reopen(new CameraCapability(camera, album, NullLogger<CameraCapability>.Instance));
        var old = Snapshot(f);
        await f.Runner.RunAsync(old, default);

        f.Time.Advance(TimeSpan.FromDays(31));
        await f.Runner.RunAsync(Snapshot(f), default);

        Assert.Null(album.Find(old.CommandId));
    }

    [Fact]
    public async Task Snapshot_CameraMissing_FailsWithTheReasonAndKeepsNothing()
    {
        using var f = new RunnerFixture();
        var options = new CameraOptions { Driver = "v4l2", Device = "/dev/video-willow-missing" };
        await using var camera = new FfmpegCamera(Microsoft.Extensions.Options.Options.Create(options), f.Time, NullLogger<FfmpegCamera>.Instance);
        var album = Album(f, keep: 10);
        f.Reopen(new CameraCapability(camera, album, NullLogger<CameraCapability>.Instance));
        var request = Snapshot(f);

        var outcome = await f.Runner.RunAsync(request, default);

        Assert.Equal(CommandState.Failed, outcome.State);
        Assert.Contains("/dev/video-willow-missing", outcome.Detail, StringComparison.Ordinal);
        Assert.Null(album.Find(request.CommandId));
    }

    public void Dispose() => _photos.Dispose();

    private static ActuationRequest Snapshot(RunnerFixture f) => new(
        Guid.CreateVersion7(f.Time.GetUtcNow()), CommandKinds.Snapshot, JsonElement.Parse("{}"), f.Time.GetUtcNow(), f.Time.GetUtcNow().AddMinutes(1));

    private static FfmpegCamera Camera() => new(
        Microsoft.Extensions.Options.Options.Create(SimulatedCameraTests.Small()), TimeProvider.System, NullLogger<FfmpegCamera>.Instance);

    private PhotoAlbum Album(RunnerFixture f, int keep) =>
        new(_photos.Path, new CameraOptions { KeepPhotos = keep, PhotoRetention = TimeSpan.FromDays(30) }, f.Time);
}
