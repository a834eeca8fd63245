using Willow.Testing;

namespace Willow.System.Tests.Deploy;

/// <summary>
/// The images' HEALTHCHECK (deploy/docker/willow-health) run for real with bash against real willow processes, with the
/// environment the image gives them. What cannot run here is the container around it.
/// </summary>
public sealed class ImageHealthCheckTests
{
    private static readonly string Script = Repository.PathTo("deploy", "docker", "willow-health");

    [Fact]
    public async Task HealthCheck_AgentReady_Passes_OnThePortTheImageSets()
    {
        using var directory = new TempDirectory("health");
        var port = Ports.Free();
        var urls = $"http://+:{port}";
        await using var agent = StartAgent(directory.Sub("agent"), new() { ["ASPNETCORE_URLS"] = urls });
        await agent.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));

        var (code, output) = await RunCheckAsync(new() { ["ASPNETCORE_URLS"] = urls });

        Assert.True(code == 0, output);
    }

    /// <summary>
    /// A gateway whose hub is out of reach is Degraded (200), not unhealthy: the home keeps giving doses offline, and
    /// restarting the container would not bring the hub back. Docker shows it healthy; /health/ready says why it is not whole.
    /// </summary>
    [Fact]
    public async Task HealthCheck_GatewayCutOffFromItsHub_StillPasses_BecauseTheHomeWorksOffline()
    {
        using var directory = new TempDirectory("health");
        var port = Ports.Free();
        await using var gateway = WillowProcess.Start(
            ["gateway", "--urls", $"http://127.0.0.1:{port}", "--data-dir", directory.Sub("gateway"), "--hub", $"http://127.0.0.1:{Ports.Free()}",
             "--token", "wgw_not-enrolled", "--home-key", HomeKey()]);
        await gateway.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));

        // As compose.home.yml runs it: WILLOW__urls names the port.
        var (code, output) = await RunCheckAsync(new() { ["WILLOW__urls"] = $"http://127.0.0.1:{port}" });

        Assert.True(code == 0, output);
    }

    /// <summary>A hub whose Redis is gone answers 503 on /health/ready: the check fails and says which part is down.</summary>
    [Fact]
    public async Task HealthCheck_HubThatLostRedis_Fails_SayingWhichCheck()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: false);
        var port = Ports.Free();
        await using var hub = WillowProcess.Start(["hub", "--urls", $"http://127.0.0.1:{port}", "--storage", "redis", "--redis", redis.Address]);
        await hub.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));
        var environment = new Dictionary<string, string> { ["WILLOW__urls"] = $"http://0.0.0.0:{port}" };
        var (before, beforeOutput) = await RunCheckAsync(new(environment));
        Assert.True(before == 0, beforeOutput);

        await redis.KillAsync();
        var (code, output) = await Eventually.WaitAsync(() => RunCheckAsync(new(environment)), r => r.ExitCode != 0, "the check to fail once Redis is gone");

        Assert.Equal(1, code);
        Assert.Contains("/health/ready answered 'HTTP/1.1 503 Service Unavailable'", output, StringComparison.Ordinal);
        Assert.Contains("\"storage\":{\"status\":\"Unhealthy\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_NothingListening_Fails()
    {
        var port = Ports.Free();

        var (code, output) = await RunCheckAsync(new() { ["WILLOW_HEALTH_URL"] = $"http://127.0.0.1:{port}/health/live" });

        Assert.Equal(1, code);
        Assert.Contains($"nothing listens on 127.0.0.1:{port}", output, StringComparison.Ordinal);
    }

    /// <summary>The image's ASPNETCORE_URLS is a default: a board's configuration file (compose.agent.yml) says where it listens.</summary>
    [Fact]
    public async Task ImageUrls_GiveWayToTheConfigurationFilesUrls()
    {
        using var directory = new TempDirectory("health");
        var imagePort = Ports.Free();
        var filePort = Ports.Free();
        var config = directory.File("agent.json");
        await File.WriteAllTextAsync(config, $$"""{ "urls": "http://127.0.0.1:{{filePort}}" }""");
        await using var agent = StartAgent(directory.Sub("agent"), new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{imagePort}" }, "--config", config);

        await agent.WaitForOutputAsync($"Now listening on: http://127.0.0.1:{filePort}", TimeSpan.FromSeconds(60));
    }

    private static WillowProcess StartAgent(string dataDirectory, Dictionary<string, string> environment, params string[] more) =>
        WillowProcess.Start(
            ["agent", "--device-id", "treat-dispenser", "--capability", "dispenser", "--home-key", HomeKey(), "--data-dir", dataDirectory, .. more],
            environment);

    private static Task<(int ExitCode, string Output)> RunCheckAsync(Dictionary<string, string> environment)
    {
        // Only what the image would give it: none of the test process's own settings.
        foreach (var name in new[] { "WILLOW_HEALTH_URL", "WILLOW__urls", "ASPNETCORE_URLS" })
        {
            environment.TryAdd(name, "");
        }

        return Publishing.Arm64File.RunAsync("/bin/bash", [Script], TimeSpan.FromSeconds(30), environment);
    }

    private static string HomeKey() => Convert.ToBase64String(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
