using System.Net.Http.Json;
using Willow.Core.Commands;
using Willow.Core.Security;
using Willow.Hub;

namespace Willow.Testing;

/// <summary>
/// A hub and a whole home on loopback: a gateway relaying to a treat dispenser and a speaker, all real
/// processes' code on real sockets, ready once both devices show online at the hub.
/// </summary>
public sealed class TestHome : IAsyncDisposable
{
    public const string Dispenser = "treat-dispenser";
    public const string Speaker = "speaker";

    private readonly TempDirectory _directory = new("home");

    private bool _hubStopped;
    private bool _speakerStopped;

    private TestHome(TimeProvider? time, IDictionary<string, string?>? hubSettings)
    {
        Identity = HubHost.NewIdentity(_directory.Sub("hub"));
        Time = time;
        HubSettings = hubSettings;
    }

    /// <summary>A clock shared by every part of the home and the hub (a fake one, in tests that move time).</summary>
    public TimeProvider? Time { get; }

    private IDictionary<string, string?>? HubSettings { get; }

    private Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? UseTime =>
        Time is null ? null : b => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(b.Services, Time);

    public string HomeKeyText { get; } = HomeKey.Generate();

    public HubIdentity Identity { get; }

    public HubHost Hub { get; private set; } = null!;

    public AgentHost DispenserAgent { get; private set; } = null!;

    public AgentHost SpeakerAgent { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public static async Task<TestHome> StartAsync(
        IDictionary<string, string?>? dispenserSettings = null,
        TimeProvider? time = null,
        IDictionary<string, string?>? hubSettings = null,
        IDictionary<string, string?>? gatewaySettings = null)
    {
        var home = new TestHome(time, hubSettings);
        home.Hub = await HubHost.StartAsync(home.Identity, settings: hubSettings, configure: home.UseTime);
        home.DispenserAgent = await AgentHost.StartAsync(home._directory.Sub("dispenser"), Dispenser, Capability.Dispenser, home.HomeKeyText, dispenserSettings, home.UseTime);
        home.SpeakerAgent = await AgentHost.StartAsync(home._directory.Sub("speaker"), Speaker, Capability.Speaker, home.HomeKeyText, configure: home.UseTime);
        home.Gateway = await GatewayHost.StartAsync(home.Hub.Url, home.Identity.GatewayToken, home.HomeKeyText, home._directory.Sub("gateway"),
            new Dictionary<string, string> { [Dispenser] = home.DispenserAgent.Url, [Speaker] = home.SpeakerAgent.Url }, gatewaySettings, home.UseTime);
        await home.WaitDevicesOnlineAsync();
        return home;
    }

    /// <summary>Stops the hub (as a crash or an outage would) and keeps its data.</summary>
    public async Task<int> StopHubAsync()
    {
        var port = Hub.Port;
        await Hub.DisposeAsync();
        _hubStopped = true;
        return port;
    }

    /// <summary>Starts the hub again on the same port and the same database.</summary>
    public async Task RestartHubAsync(int port)
    {
        Hub = await HubHost.StartAsync(Identity, url: $"http://127.0.0.1:{port}", settings: HubSettings, configure: UseTime);
        _hubStopped = false;
    }

    /// <summary>Stops the speaker's agent, as unplugging the board would.</summary>
    public async Task StopSpeakerAsync()
    {
        await SpeakerAgent.DisposeAsync();
        _speakerStopped = true;
    }

    public async Task WaitDevicesOnlineAsync()
    {
        using var client = Hub.OwnerClient();
        await Eventually.WaitAsync(
            () => client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/devices", HubJsonContext.Default.IReadOnlyListDeviceView),
            devices => devices!.Count == 2 && devices.All(d => d.Online),
            "both devices online at the hub");
    }

    public int Releases => DispenserAgent.Servo.Movements.Count(m => m.ToDegrees > 0);

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await DispenserAgent.DisposeAsync();
        if (!_speakerStopped)
        {
            await SpeakerAgent.DisposeAsync();
        }

        if (!_hubStopped)
        {
            await Hub.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
