using System.Net.Http.Json;
using Willow.Agent.Capabilities.Sensors;
using Willow.Core.Commands;
using Willow.Core.Security;
using Willow.Hub;

namespace Willow.Testing;

/// <summary>
/// A hub and a home whose one board hosts a camera (ffmpeg's test picture: real JPEGs), sensors (simulated
/// room, bowl and motion, sampled every few seconds) and a speaker, behind a real gateway, all on loopback.
/// The gateway can be stopped and started again on the same journal.
/// </summary>
public sealed class MediaHome : IAsyncDisposable
{
    public const string Board = "kitchen-board";

    private readonly TempDirectory _directory = new("media-home");
    private GatewayHost? _gateway;

    private MediaHome() => Identity = HubHost.NewIdentity(_directory.Sub("hub"));

    public HubIdentity Identity { get; }

    public string HomeKeyText { get; } = HomeKey.Generate();

    public HubHost Hub { get; private set; } = null!;

    public AgentHost Agent { get; private set; } = null!;

    public GatewayHost Gateway => _gateway ?? throw new InvalidOperationException("The gateway is stopped.");

    public SensorStore AgentReadings => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SensorStore>(Agent.App.Services);

    public static async Task<MediaHome> StartAsync()
    {
        var home = new MediaHome();
        home.Hub = await HubHost.StartAsync(home.Identity);
        home.Agent = await AgentHost.StartAsync(home._directory.Sub("board"), Board, Capability.Camera, home.HomeKeyText, new Dictionary<string, string?>
        {
            ["Agent:Capabilities:1"] = Capability.Sensors,
            ["Agent:Capabilities:2"] = Capability.Speaker,
            ["Camera:Driver"] = "simulated",
            ["Camera:Width"] = "320",
            ["Camera:Height"] = "240",
            ["Camera:FrameRate"] = "10",
            ["Camera:WarmUpFrames"] = "1",
            ["Sensors:Climate"] = "simulated",
            ["Sensors:Scale"] = "simulated",
            ["Sensors:ClimateInterval"] = "00:00:03",
            ["Sensors:BowlInterval"] = "00:00:03",
        });
        await home.StartGatewayAsync();
        return home;
    }

    public async Task StartGatewayAsync()
    {
        _gateway = await GatewayHost.StartAsync(Hub.Url, Identity.GatewayToken, HomeKeyText, _directory.Sub("gateway"),
            new Dictionary<string, string> { [Board] = Agent.Url });
        using var client = Hub.OwnerClient();
        await Eventually.WaitAsync(
            () => client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/devices", HubJsonContext.Default.IReadOnlyListDeviceView),
            devices => devices!.Any(d => d.Id == Board && d.Online),
            "the board online at the hub");
    }

    public async Task StopGatewayAsync()
    {
        await Gateway.DisposeAsync();
        _gateway = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await Agent.DisposeAsync();
        await Hub.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
