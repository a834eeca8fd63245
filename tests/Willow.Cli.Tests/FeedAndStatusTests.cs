using Willow.Testing;

namespace Willow.Cli.Tests;

/// <summary><c>willow feed</c>, <c>call</c>, <c>status</c> and <c>login</c> against a real hub, gateway and agents.</summary>
public sealed class FeedAndStatusTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("cli-feed");
    private TestHome _home = null!;

    private string Profile => _directory.File("cli.json");

    public async ValueTask InitializeAsync()
    {
        _home = await TestHome.StartAsync(new Dictionary<string, string?> { ["Dispenser:MinimumInterval"] = "01:00:00" });
        var login = await CliRun.RunAsync("login", "--hub", _home.Hub.Url, "--token", _home.Identity.ApiToken, "--profile", Profile);
        Assert.Equal(0, login.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _home.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Feed_PrintsTheTimelineAndExits0WhenItSucceeded()
    {
        var run = await CliRun.RunAsync("feed", "--device", "treat-dispenser", "--profile", Profile);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("queued", run.Out, StringComparison.Ordinal);
        Assert.Contains("delivered", run.Out, StringComparison.Ordinal);
        Assert.Contains("succeeded", run.Out, StringComparison.Ordinal);
        Assert.Equal(1, _home.Releases);
    }

    [Fact]
    public async Task FeedInsideTheLockout_Exits1AndSaysWhatToDo()
    {
        await CliRun.RunAsync("feed", "--device", "treat-dispenser", "--profile", Profile);
        var second = await CliRun.RunAsync("feed", "--device", "treat-dispenser", "--profile", Profile);

        Assert.Equal(ExitCodes.Failure, second.ExitCode);
        Assert.Contains("Locked out until", second.Error, StringComparison.Ordinal);
        Assert.Contains("--override-reason", second.Error, StringComparison.Ordinal);

        // Until when, on this machine's clock like the timeline's times, not in UTC as the gateway wrote it.
        Assert.DoesNotMatch(@"\d{2}:\d{2}:\d{2}Z", second.Error + second.Out);
        var until = System.Text.RegularExpressions.Regex.Match(second.Error, @"Locked out until (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})").Groups[1].Value;
        var local = DateTime.ParseExact(until, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(new DateTimeOffset(local, TimeZoneInfo.Local.GetUtcOffset(local)) - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
        Assert.Equal(1, _home.Releases);
    }

    [Fact]
    public async Task FeedWithTheSameIdempotencyKeyTwice_DispensesOnce()
    {
        var first = await CliRun.RunAsync("feed", "--device", "treat-dispenser", "--idempotency-key", "morning", "--profile", Profile);
        var again = await CliRun.RunAsync("feed", "--device", "treat-dispenser", "--idempotency-key", "morning", "--profile", Profile);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(first.Out.Split('\n')[0], again.Out.Split('\n')[0]);
        Assert.Equal(1, _home.Releases);
    }

    [Fact]
    public async Task Call_PlaysTheSound()
    {
        var run = await CliRun.RunAsync("call", "--device", "speaker", "--sound", "chime", "--profile", Profile);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("chime", Assert.Single(_home.SpeakerAgent.Speaker.Plays).Sound);
    }

    [Fact]
    public async Task Status_ShowsTheGatewayTheDevicesAndRecentCommands()
    {
        await CliRun.RunAsync("call", "--device", "speaker", "--profile", Profile);
        var run = await CliRun.RunAsync("status", "--profile", Profile);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Willow's home", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"home\s+yes", run.Out);
        Assert.Matches(@"treat-dispenser\s+treat-dispenser\s+dispenser\s+gateway home\s+online", run.Out);
        Assert.Matches(@"call\s+speaker\s+succeeded", run.Out);
    }

    [Fact]
    public async Task Feed_UnknownDevice_ExplainsAndExits1()
    {
        var run = await CliRun.RunAsync("feed", "--device", "cat-flap", "--profile", Profile);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("Device not found", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithAWrongToken_IsRefused()
    {
        var run = await CliRun.RunAsync("login", "--hub", _home.Hub.Url, "--token", "wlw_wrong-token-value-000000", "--profile", _directory.File("other.json"));

        Assert.Equal(ExitCodes.NotAllowed, run.ExitCode);
        Assert.Contains("refused the credentials", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("other.json")));
    }
}
