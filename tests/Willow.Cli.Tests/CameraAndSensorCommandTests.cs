using Willow.Core.Media;
using Willow.Testing;

namespace Willow.Cli.Tests;

/// <summary><c>willow photo</c>, <c>readings</c>, <c>tare</c> and <c>call --say</c> against a real hub, gateway and a camera + sensors + speaker board.</summary>
public sealed class CameraAndSensorCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("cli-media");
    private MediaHome _home = null!;

    private string Profile => _directory.File("cli.json");

    public async ValueTask InitializeAsync()
    {
        _home = await MediaHome.StartAsync();
        Assert.Equal(0, (await CliRun.RunAsync("login", "--hub", _home.Hub.Url, "--token", _home.Identity.ApiToken, "--profile", Profile)).ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _home.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Photo_SavesTheCamerasJpegWhereAsked()
    {
        var path = _directory.File("bowl.jpg");

        var run = await CliRun.RunAsync("photo", "--device", MediaHome.Board, "--out", path, "--profile", Profile);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains($"Saved {path}", run.Out, StringComparison.Ordinal);
        Assert.True(JpegImage.TryReadSize(await File.ReadAllBytesAsync(path), out var width, out var height));
        Assert.Equal((320, 240), (width, height));
    }

    [Fact]
    public async Task Readings_ListsTheNewestValueOfEachMetricWithItsUnit()
    {
        await Eventually.WaitAsync(async () => (await CliRun.RunAsync("readings", "--profile", Profile)).Out, output => output.Contains("bowl weight", StringComparison.Ordinal), "the bowl's weight in the table");

        var run = await CliRun.RunAsync("readings", "--device", MediaHome.Board, "--profile", Profile);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"kitchen-board\s+temperature\s+\d+(\.\d)? °C", run.Out);
        Assert.Matches(@"kitchen-board\s+bowl weight\s+-?\d+(\.\d)? g", run.Out);
    }

    [Fact]
    public async Task Tare_ZeroesTheBowlScale()
    {
        var tare = await CliRun.RunAsync("tare", "--device", MediaHome.Board, "--profile", Profile);

        Assert.True(tare.ExitCode == 0, tare.Out + tare.Error);
        Assert.Contains("succeeded", tare.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallSay_SpeaksTheWords()
    {
        var run = await CliRun.RunAsync("call", "--device", MediaHome.Board, "--say", "Willow, dinner!", "--profile", Profile);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("succeeded", run.Out, StringComparison.Ordinal);
    }
}
