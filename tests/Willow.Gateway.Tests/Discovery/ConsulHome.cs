using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Willow.Core.Security;
using Willow.Gateway.Discovery;
using Willow.Hosting;
using Willow.Hub;
using Willow.Hub.Devices;
using Willow.Testing;

namespace Willow.Gateway.Tests.Discovery;

/// <summary>
/// A hub, a <see cref="ConsulEmulation"/>, a gateway with <c>Discovery:Provider=consul</c>, and agents that
/// register there, all on loopback. Each agent's readiness has a switch, so a test can make its Consul check fail.
/// Checks run every second (Consul's shortest interval); the reaping floor is lowered to 2 s to keep tests short.
/// </summary>
internal sealed class ConsulHome : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("consul-home");
    private readonly Dictionary<string, AgentHost> _agents = new(StringComparer.Ordinal);

    private ConsulHome()
    {
        Identity = HubHost.NewIdentity(_directory.Sub("hub"));
    }

    public string HomeKeyText { get; } = HomeKey.Generate();

    public HubIdentity Identity { get; }

    public HubHost Hub { get; private set; } = null!;

    public ConsulEmulation Consul { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public IAgentDirectory Directory => Gateway.Services<IAgentDirectory>();

    public Dictionary<string, ReadinessSwitch> Readiness { get; } = new(StringComparer.Ordinal);

    public AgentHost Agent(string deviceId) => _agents[deviceId];

    public static async Task<ConsulHome> StartAsync(ConsulEmulationOptions? consul = null, IDictionary<string, string?>? gatewaySettings = null)
    {
        var home = new ConsulHome();
        home.Hub = await HubHost.StartAsync(home.Identity);
        home.Consul = await ConsulEmulation.StartAsync(consul ?? new ConsulEmulationOptions
        {
            MinimumDeregisterAfter = TimeSpan.FromSeconds(2),
            ReapInterval = TimeSpan.FromMilliseconds(250),
        });
        var settings = new Dictionary<string, string?>
        {
            ["Discovery:Provider"] = "consul",
            ["Consul:Address"] = home.Consul.Url,

            // Long: a change must come from the blocking query returning on it, not from the wait running out.
            ["Consul:Wait"] = "00:05:00",
        };
        foreach (var (key, value) in gatewaySettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        home.Gateway = await GatewayHost.StartAsync(home.Hub.Url, home.Identity.GatewayToken, home.HomeKeyText, home._directory.Sub("gateway"),
            new Dictionary<string, string>(), settings);
        return home;
    }

    public async Task<AgentHost> StartAgentAsync(string deviceId, string capability, IDictionary<string, string?>? extra = null)
    {
        var readiness = new ReadinessSwitch();
        Readiness[deviceId] = readiness;
        var settings = new Dictionary<string, string?>
        {
            ["Discovery:Provider"] = "consul",
            ["Consul:Address"] = Consul.Url,
            ["Consul:ServiceAddress"] = "127.0.0.1",
            ["Consul:CheckInterval"] = "00:00:01",
            ["Consul:CheckTimeout"] = "00:00:01",
            ["Consul:DeregisterCriticalAfter"] = "00:00:02",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var agent = await AgentHost.StartAsync(_directory.Sub(deviceId), deviceId, capability, HomeKeyText, settings, builder =>
            builder.Services.AddHealthChecks().AddCheck(
                "test-readiness",
                () => readiness.Ready ? HealthCheckResult.Healthy("Ready.") : HealthCheckResult.Unhealthy("Made unready by the test."),
                tags: [WillowHost.ReadyTag]));
        _agents[deviceId] = agent;
        return agent;
    }

    public async Task StopAgentAsync(string deviceId)
    {
        await _agents[deviceId].DisposeAsync();
        _agents.Remove(deviceId);
    }

    public Task WaitListedAsync(params string[] deviceIds) =>
        Eventually.WaitAsync(
            () => Directory.Agents.Select(a => a.DeviceId).Order(StringComparer.Ordinal).SequenceEqual(deviceIds.Order(StringComparer.Ordinal)),
            $"the gateway to list exactly [{string.Join(", ", deviceIds)}]");

    public async Task<IReadOnlyList<DeviceView>> DevicesAtHubAsync()
    {
        using var owner = Hub.OwnerClient();
        return (await owner.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/devices", HubJsonContext.Default.IReadOnlyListDeviceView))!;
    }

    public Task<IReadOnlyList<DeviceView>> WaitAtHubAsync(Func<IReadOnlyList<DeviceView>, bool> done, string what) =>
        Eventually.WaitAsync(DevicesAtHubAsync, done, what);

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        foreach (var agent in _agents.Values)
        {
            await agent.DisposeAsync();
        }

        await Consul.DisposeAsync();
        await Hub.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    /// <summary>Whether an agent's <c>/health/ready</c> answers 200 (Consul's check passes) or 503 (critical).</summary>
    public sealed class ReadinessSwitch
    {
        private volatile bool _ready = true;

        public bool Ready
        {
            get => _ready;
            set => _ready = value;
        }
    }
}
