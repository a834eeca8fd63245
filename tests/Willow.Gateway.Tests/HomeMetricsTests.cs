using System.Net.Http.Json;
using Willow.Testing;

namespace Willow.Gateway.Tests;

/// <summary><c>/metrics</c> on the gateway and the agent after a feed through a real home.</summary>
[Collection(ProcessWideMetricsCollection.Name)]
public sealed class HomeMetricsTests : IAsyncLifetime
{
    private TestHome _home = null!;

    public async ValueTask InitializeAsync() => _home = await TestHome.StartAsync();

    public async ValueTask DisposeAsync() => await _home.DisposeAsync();

    [Fact]
    public async Task AFeed_IsCountedByTheGatewayAndTheAgent_WithTheLinkTheAgentsAndTheOutboxOnShow()
    {
        using (var owner = _home.Hub.OwnerClient())
        {
            using var issued = await owner.PostAsJsonAsync($"api/v1/households/{_home.Hub.HouseholdId}/devices/{TestHome.Dispenser}/commands", new { kind = "dispense" });
            issued.EnsureSuccessStatusCode();
        }

        using var gateway = new HttpClient { BaseAddress = new Uri(_home.Gateway.Url + "/") };
        using var agent = new HttpClient { BaseAddress = new Uri(_home.DispenserAgent.Url + "/") };

        var gatewayText = await Eventually.WaitAsync(
            () => gateway.GetStringAsync("metrics"),
            t => PrometheusText.Value(t, "willow_gateway_commands_total", ("kind", "dispense"), ("state", "succeeded")) == 1
                && PrometheusText.Value(t, "willow_gateway_agents_online") == 2,
            "the feed counted at the gateway, both agents online");
        var agentText = await Eventually.WaitAsync(
            () => agent.GetStringAsync("metrics"),
            t => PrometheusText.Value(t, "willow_agent_actuations_total", ("kind", "dispense"), ("state", "succeeded"), ("replayed", "false")) == 1,
            "the feed counted at the agent (the metrics need no signature)");

        Assert.Equal(1, PrometheusText.Value(gatewayText, "willow_gateway_hub_link_connected"));
        Assert.Equal(1, PrometheusText.Value(gatewayText, "willow_gateway_agent_call_duration_seconds_count", ("kind", "dispense")));
        Assert.NotNull(PrometheusText.Value(gatewayText, "willow_gateway_outbox_depth"));
        Assert.Equal(1, PrometheusText.Value(agentText, "willow_agent_actuation_duration_seconds_count", ("kind", "dispense")));
        // The agent keeps fewer series per instrument than OpenTelemetry's default, and its histogram its own buckets.
        Assert.Equal(1, PrometheusText.Value(agentText, "willow_agent_actuation_duration_seconds_bucket", ("kind", "dispense"), ("le", "30")));
    }
}
