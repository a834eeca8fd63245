using System.Net.Http.Headers;
using System.Text.Json;
using Willow.Testing;

namespace Willow.System.Tests;

/// <summary>
/// The real <c>willow demo</c>: a tree of processes (hub, gateway, two agents) on loopback, started once for
/// the tests of a class. Dispenses dwell two seconds, so that a test can kill the agent in the middle of one.
/// </summary>
public sealed class DemoFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("demo");
    private WillowProcess _demo = null!;

    public string DataDirectory => Path.Combine(_directory.Path, "data");

    public string Profile => Path.Combine(_directory.Path, "cli.json");

    public JsonElement Manifest { get; private set; }

    public string HubUrl => Manifest.GetProperty("hubUrl").GetString()!;

    public string HouseholdId => Manifest.GetProperty("householdId").GetString()!;

    public string ApiToken => Manifest.GetProperty("apiToken").GetString()!;

    public string PidFile(string process) => Manifest.GetProperty("pidFiles").GetProperty(process).GetString()!;

    public string MovementLog => Path.Combine(DataDirectory, "agents", "treat-dispenser", "movements.log");

    internal WillowProcess Demo => _demo;

    public async ValueTask InitializeAsync()
    {
        _demo = WillowProcess.Start(
            ["demo", "--urls", $"http://127.0.0.1:{Ports.Free()}", "--data-dir", DataDirectory, "--profile", Profile],
            new Dictionary<string, string>
            {
                ["WILLOW__Dispenser__Dwell"] = "00:00:02",
                ["WILLOW__Dispenser__MinimumInterval"] = "00:00:00",
                ["WILLOW__Lockout__Devices__treat-dispenser"] = "00:00:00",
            });
        await _demo.WaitForOutputAsync("Willow demo is running.", TimeSpan.FromSeconds(120));
        Manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(DataDirectory, "demo.json"))).RootElement.Clone();
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = new Uri(HubUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        return client;
    }

    /// <summary>How many times the simulated servo swung to its release angle, as recorded on disk.</summary>
    public int Releases() => File.Exists(MovementLog)
        ? File.ReadAllLines(MovementLog).Count(l => l.EndsWith("-> 90", StringComparison.Ordinal))
        : 0;

    public async ValueTask DisposeAsync()
    {
        await _demo.DisposeAsync();
        _directory.Dispose();
    }

}
