using System.Net.Http.Json;
using Willow.Core.Commands;
using Willow.Core.Security;
using Willow.Hub;
using Willow.Testing;

namespace Willow.Web.Tests;

/// <summary>
/// A hub serving the built dashboard and a home with a pill dispenser and a feeding station whose one board hosts a
/// camera (ffmpeg's moving test picture: real JPEGs and a real MJPEG live view), sensors (a simulated room and bowl,
/// read every two seconds) and a speaker, behind a real gateway, all on loopback.
/// </summary>
public sealed class StationHome : IAsyncDisposable
{
    public const string Dispenser = "pill-dispenser";
    public const string Station = "feeding-station";

    private readonly TempDirectory _directory = new("station-home");

    private StationHome() => Identity = HubHost.NewIdentity(_directory.Sub("hub"));

    public HubIdentity Identity { get; }

    public string HomeKeyText { get; } = HomeKey.Generate();

    public HubHost Hub { get; private set; } = null!;

    public AgentHost DispenserAgent { get; private set; } = null!;

    public AgentHost StationAgent { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public string Api(string rest) => $"api/v1/households/{Hub.HouseholdId}/{rest}";

    public static async Task<StationHome> StartAsync()
    {
        var home = new StationHome();
        home.Hub = await HubHost.StartAsync(home.Identity, settings: new Dictionary<string, string?> { ["Dashboard:WebRoot"] = Browser.WebRoot });
        home.DispenserAgent = await AgentHost.StartAsync(home._directory.Sub("dispenser"), Dispenser, Capability.Dispenser, home.HomeKeyText, new Dictionary<string, string?>
        {
            ["Agent:Name"] = "Pill dispenser",
            ["Dispenser:MinimumInterval"] = "00:00:00",
        });
        home.StationAgent = await AgentHost.StartAsync(home._directory.Sub("station"), Station, Capability.Camera, home.HomeKeyText, new Dictionary<string, string?>
        {
            ["Agent:Name"] = "Feeding station",
            ["Agent:Capabilities:1"] = Capability.Sensors,
            ["Agent:Capabilities:2"] = Capability.Speaker,
            ["Camera:Driver"] = "simulated",
            ["Camera:Width"] = "640",
            ["Camera:Height"] = "480",
            ["Camera:FrameRate"] = "5",
            ["Camera:WarmUpFrames"] = "1",
            ["Sensors:Climate"] = "simulated",
            ["Sensors:Scale"] = "simulated",
            ["Sensors:Motion"] = "simulated",
            ["Sensors:ClimateInterval"] = "00:00:03",
            ["Sensors:BowlInterval"] = "00:00:02",
        });
        home.Gateway = await GatewayHost.StartAsync(home.Hub.Url, home.Identity.GatewayToken, home.HomeKeyText, home._directory.Sub("gateway"),
            new Dictionary<string, string> { [Dispenser] = home.DispenserAgent.Url, [Station] = home.StationAgent.Url });
        using var client = home.Hub.OwnerClient();
        await Eventually.WaitAsync(
            () => client.GetFromJsonAsync(home.Api("devices"), HubJsonContext.Default.IReadOnlyListDeviceView),
            devices => devices!.Count == 2 && devices.All(d => d.Online) && devices.Any(d => d.Sounds is { Count: > 0 }),
            "the dispenser and the feeding station online at the hub, with the speaker's sounds");
        return home;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await StationAgent.DisposeAsync();
        await DispenserAgent.DisposeAsync();
        await Hub.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
