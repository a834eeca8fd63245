using Willow.Core.Security;
using Willow.Testing;

namespace Willow.Cli.Tests;

/// <summary>Bad arguments and bad configuration: one line saying what is wrong, and a non-zero exit code.</summary>
public sealed class ArgumentErrorTests
{
    [Theory]
    [InlineData(new[] { "feed" }, "--device")]
    [InlineData(new[] { "fly" }, "fly")]
    [InlineData(new[] { "feed", "--device", "d", "--portions", "lots" }, "lots")]
    [InlineData(new[] { "agent", "--poll", "sometimes" }, "sometimes")]
    [InlineData(new[] { "feed", "--device", "d", "--portions", "9", "--hub", "http://127.0.0.1:9", "--token", "t" }, "--portions must be from 1 to 5")]
    [InlineData(new[] { "demo", "--urls", "not a url" }, "--urls")]
    [InlineData(new[] { "hub", "--config", "/nonexistent/willow.json" }, "does not exist")]
    [InlineData(new[] { "gateway", "--agent", "treat-dispenser" }, "DEVICE-ID=http://host:port")]
    [InlineData(new[] { "gateway", "--consul", "consul.local:8500" }, "--consul 'consul.local:8500' is not Consul's HTTP address")]
    [InlineData(new[] { "agent", "--consul", "8500" }, "write http://host:8500")]
    public async Task BadArguments_OneLineAndExitCode2(string[] args, string mentions)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(mentions, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayNotYetEnrolled_SaysHowToEnroll()
    {
        using var directory = new TempDirectory("cli");
        var run = await CliRun.RunAsync("gateway", "--data-dir", directory.Path, "--urls", "http://127.0.0.1:0", "--home-key", HomeKey.Generate());

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("has not enrolled with a hub", line, StringComparison.Ordinal);
        Assert.Contains("willow gateway enroll --hub URL --code CODE", line, StringComparison.Ordinal);
        Assert.DoesNotContain("DataAnnotation", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentWithABadDeviceId_SaysWhatADeviceIdMayBe()
    {
        using var directory = new TempDirectory("cli");
        var run = await CliRun.RunAsync(
            "agent", "--device-id", "Treat Dispenser", "--capability", "dispenser", "--home-key", HomeKey.Generate(), "--data-dir", directory.Path, "--urls", "http://127.0.0.1:0");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("DeviceId must be", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentThatCouldNeverAct_SaysWhy()
    {
        using var directory = new TempDirectory("cli");
        var run = await CliRun.RunAsync("agent", "--device-id", "feeder", "--capability", "dispenser", "--data-dir", directory.Path, "--urls", "http://127.0.0.1:0");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("neither Agent:HomeKey", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCommandWithNoHubConfigured_SaysHowToConfigureOne()
    {
        using var directory = new TempDirectory("cli");
        var run = await CliRun.RunAsync("status", "--profile", directory.File("none.json"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("willow login", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubNotRunning_ExitCode3AndTheAddress()
    {
        using var directory = new TempDirectory("cli");
        var run = await CliRun.RunAsync(
            "feed", "--device", "d", "--hub", "http://127.0.0.1:9", "--token", "t", "--household", Guid.NewGuid().ToString(), "--profile", directory.File("none.json"));

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains("Cannot reach the hub at http://127.0.0.1:9", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var run = await CliRun.RunAsync("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Out.Trim());
    }
}
