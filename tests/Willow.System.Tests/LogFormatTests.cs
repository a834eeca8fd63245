using System.Text.Json;
using Willow.Core.Security;
using Willow.Testing;

namespace Willow.System.Tests;

/// <summary>Logs are one line per event, and JSON lines when the operator asks (as the deploy examples do).</summary>
public sealed class LogFormatTests
{
    private static async Task<string> FirstLogLineAsync(IDictionary<string, string> environment)
    {
        using var directory = new TempDirectory("log-format");
        await using var agent = WillowProcess.Start(
            ["agent", "--device-id", "logger", "--capability", "dispenser", "--home-key", HomeKey.Generate(), "--data-dir", directory.Path, "--urls", $"http://127.0.0.1:{Ports.Free()}"],
            environment);
        await agent.WaitForOutputAsync("Journal", TimeSpan.FromSeconds(60));
        return agent.Output.Split('\n').First(l => l.Contains("Journal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FormatterNameJson_FromTheEnvironment_WritesOneJsonObjectPerEvent()
    {
        var line = await FirstLogLineAsync(new Dictionary<string, string> { ["WILLOW__Logging__Console__FormatterName"] = "json" });

        using var json = JsonDocument.Parse(line);
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal(3009, json.RootElement.GetProperty("EventId").GetInt32());
        Assert.True(json.RootElement.GetProperty("State").TryGetProperty("Path", out _), line);
    }

    [Fact]
    public async Task ByDefault_EachEventIsOneReadableLine()
    {
        var line = await FirstLogLineAsync(new Dictionary<string, string>());

        Assert.Contains("info: Willow.Agent[3009] Journal", line, StringComparison.Ordinal);
    }
}
