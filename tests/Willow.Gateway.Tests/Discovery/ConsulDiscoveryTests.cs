using System.Net.Http.Json;
using System.Text.Json;
using Willow.Core.Commands;
using Willow.Hub;
using Willow.Hub.Commands;
using Willow.Testing;

namespace Willow.Gateway.Tests.Discovery;

/// <summary>
/// Consul discovery end to end on loopback, against the Consul emulation: agents register, the gateway follows
/// the passing ones with blocking queries, the hub lists what the gateway finds.
/// </summary>
[Collection(ProcessWideMetricsCollection.Name)]
public sealed class ConsulDiscoveryTests : IAsyncLifetime
{
    private const string Dispenser = "treat-dispenser";
    private const string Speaker = "speaker";

    private ConsulHome _home = null!;

    public async ValueTask InitializeAsync() => _home = await ConsulHome.StartAsync();

    public async ValueTask DisposeAsync() => await _home.DisposeAsync();

    [Fact]
    public async Task AnAgentRegisters_TheGatewaySeesItWithinOneBlockingRound_AndTheHubListsItWithItsCapabilities()
    {
        await _home.WaitListedAsync();
        var queriesBefore = HealthQueries();

        await _home.StartAgentAsync(Dispenser, Capability.Dispenser);

        // Registered once the agent listens (its port is known then), and checked until passing.
        await Eventually.WaitAsync(() => _home.Consul.Services.Count == 1, "the agent to register");
        var service = Assert.Single(_home.Consul.Services);
        Assert.Equal("willow-agent-treat-dispenser", service.Id);
        Assert.Equal(["dispenser"], service.Tags);
        Assert.Equal(Dispenser, service.Meta["device_id"]);
        await _home.WaitListedAsync(Dispenser);

        // Seen because a blocking query returned on the change (the wait is 5 minutes): registration and the
        // check turning passing are two changes, so at most a few rounds, not a poll every so often.
        Assert.InRange(HealthQueries() - queriesBefore, 1, 4);
        var devices = await _home.WaitAtHubAsync(d => d.Any(x => x.Id == Dispenser && x.Online), "the dispenser online at the hub");
        Assert.Equal(["dispenser"], devices.Single(d => d.Id == Dispenser).Capabilities);

        using var gateway = new HttpClient { BaseAddress = new Uri(_home.Gateway.Url + "/") };
        var metrics = await gateway.GetStringAsync("metrics");
        Assert.Equal(1, PrometheusText.Value(metrics, "willow_gateway_discovery_changes_total", ("change", "added")));
    }

    [Fact]
    public async Task AnAgentTurningCritical_IsNoLongerDispatchedTo_AndIsBackWhenItRecovers()
    {
        var dispenser = await _home.StartAgentAsync(Dispenser, Capability.Dispenser);
        await _home.StartAgentAsync(Speaker, Capability.Speaker);
        await _home.WaitListedAsync(Dispenser, Speaker);
        await _home.WaitAtHubAsync(d => d.Count == 2 && d.All(x => x.Online), "both devices online at the hub");

        _home.Readiness[Dispenser].Ready = false;

        await _home.WaitListedAsync(Speaker);
        await _home.WaitAtHubAsync(d => d.Single(x => x.Id == Dispenser) is { Online: false }, "the dispenser offline at the hub");
        var feed = await IssueAsync(Dispenser, "{\"kind\":\"dispense\"}");
        var call = await IssueAsync(Speaker, "{\"kind\":\"call\"}");
        Assert.Equal(CommandState.Succeeded, (await WaitFinalAsync(call.Id)).State);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(dispenser.Servo.Movements);

        _home.Readiness[Dispenser].Ready = true;

        await _home.WaitListedAsync(Dispenser, Speaker);
        await _home.WaitAtHubAsync(d => d.All(x => x.Online), "the dispenser back online at the hub");

        // The feed was still inside its expiry, so it goes now that the dispenser is back: delivery is at least once.
        Assert.Equal(CommandState.Succeeded, (await WaitFinalAsync(feed.Id)).State);
        Assert.Contains(dispenser.Servo.Movements, m => m.ToDegrees > 0);
    }

    [Fact]
    public async Task AnAgentReapedAfterItsCriticalPeriod_RegistersAgainAndIsBackWhenItRecovers()
    {
        await _home.StartAgentAsync(Dispenser, Capability.Dispenser);
        await _home.WaitListedAsync(Dispenser);

        _home.Readiness[Dispenser].Ready = false;
        await _home.WaitListedAsync();
        await Eventually.WaitAsync(() => _home.Consul.Services.Count == 0, "Consul to reap the critical dispenser");

        _home.Readiness[Dispenser].Ready = true;

        await _home.WaitListedAsync(Dispenser);
        await _home.WaitAtHubAsync(d => d.Single(x => x.Id == Dispenser).Online, "the dispenser back online at the hub");
    }

    [Fact]
    public async Task AnAgentStoppedCleanly_DeregistersAndLeavesTheGatewayAtOnce()
    {
        await _home.StartAgentAsync(Dispenser, Capability.Dispenser);
        await _home.StartAgentAsync(Speaker, Capability.Speaker);
        await _home.WaitListedAsync(Dispenser, Speaker);

        await _home.StopAgentAsync(Speaker);

        // Gone from Consul when the agent has stopped, not a check interval or a reaping later.
        Assert.DoesNotContain(_home.Consul.Services, s => s.Id == "willow-agent-speaker");
        Assert.Contains(_home.Consul.Requests, r => r is { Method: "PUT", PathAndQuery: "/v1/agent/service/deregister/willow-agent-speaker" });
        await _home.WaitListedAsync(Dispenser);
        await _home.WaitAtHubAsync(d => d.Single(x => x.Id == Speaker) is { Online: false }, "the speaker offline at the hub");
        using var gateway = new HttpClient { BaseAddress = new Uri(_home.Gateway.Url + "/") };
        Assert.Equal(1, PrometheusText.Value(await gateway.GetStringAsync("metrics"), "willow_gateway_discovery_changes_total", ("change", "removed")));
    }

    [Fact]
    public async Task ConsulDownAndBack_TheLastKnownAgentsStay_HealthSaysSo_AndDiscoveryResumesByItself()
    {
        var dispenser = await _home.StartAgentAsync(Dispenser, Capability.Dispenser);
        await _home.WaitListedAsync(Dispenser);
        using var gateway = new HttpClient { BaseAddress = new Uri(_home.Gateway.Url + "/") };
        Assert.Equal("Healthy", await DiscoveryStatusAsync(gateway));

        await _home.Consul.StopAsync();

        var degraded = await Eventually.WaitAsync(() => DiscoveryAsync(gateway), d => d.Status == "Degraded", "the gateway's health to say Consul is down");
        Assert.Contains($"Consul at {_home.Consul.Url}/ has not answered since", degraded.Description, StringComparison.Ordinal);
        Assert.Contains("dispatching to the 1 agent(s) it listed last", degraded.Description, StringComparison.Ordinal);
        Assert.Equal([Dispenser], _home.Directory.Agents.Select(a => a.DeviceId));

        // Commands still reach the agents Consul listed last.
        var feed = await IssueAsync(Dispenser, "{\"kind\":\"dispense\"}");
        Assert.Equal(CommandState.Succeeded, (await WaitFinalAsync(feed.Id)).State);
        Assert.Contains(dispenser.Servo.Movements, m => m.ToDegrees > 0);

        await _home.Consul.StartAsync();

        await Eventually.WaitAsync(() => DiscoveryStatusAsync(gateway), s => s == "Healthy", "the gateway to follow Consul again", TimeSpan.FromSeconds(45));
        await _home.StartAgentAsync(Speaker, Capability.Speaker);
        await _home.WaitListedAsync(Dispenser, Speaker);
    }

    [Fact]
    public async Task ConsulWithAcls_TheAgentRegistersWithItsToken_AndTheGatewayReadsWithItsOwn()
    {
        await _home.DisposeAsync();
        _home = await ConsulHome.StartAsync(
            new ConsulEmulationOptions
            {
                AclTokens = new Dictionary<string, ConsulEmulationRights>
                {
                    ["gateway-token"] = ConsulEmulationRights.ServiceRead,
                    ["agent-token"] = ConsulEmulationRights.ServiceRead | ConsulEmulationRights.ServiceWrite,
                },
            },
            new Dictionary<string, string?> { ["Consul:Token"] = "gateway-token" });

        await _home.StartAgentAsync(Dispenser, Capability.Dispenser, new Dictionary<string, string?> { ["Consul:Token"] = "agent-token" });

        await _home.WaitListedAsync(Dispenser);
        Assert.All(_home.Consul.Requests.Where(r => r.Method == "PUT"), r => Assert.Equal("agent-token", r.Token));
        Assert.All(_home.Consul.Requests.Where(r => r.Method == "GET"), r => Assert.Equal("gateway-token", r.Token));
    }

    private int HealthQueries() => _home.Consul.Requests.Count(r => r.PathAndQuery.StartsWith("/v1/health/service/willow-agent", StringComparison.Ordinal));

    private static async Task<string> DiscoveryStatusAsync(HttpClient gateway) => (await DiscoveryAsync(gateway)).Status;

    private static async Task<(string Status, string Description)> DiscoveryAsync(HttpClient gateway)
    {
        using var response = await gateway.GetAsync("health/ready");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var check = document.RootElement.GetProperty("checks").GetProperty("discovery");
        return (check.GetProperty("status").GetString()!, check.GetProperty("description").GetString()!);
    }

    private async Task<CommandView> IssueAsync(string device, string json)
    {
        using var client = _home.Hub.OwnerClient();
        using var response = await client.PostAsync(
            _home.Hub.DevicePath(device) + "/commands", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.CommandView))!;
    }

    private async Task<CommandView> WaitFinalAsync(Guid id)
    {
        using var client = _home.Hub.OwnerClient();
        return (await Eventually.WaitAsync(
            () => client.GetFromJsonAsync($"api/v1/households/{_home.Hub.HouseholdId}/commands/{id}", HubJsonContext.Default.CommandView),
            c => c!.State.IsFinal(),
            $"command {id} to finish at the hub"))!;
    }
}
