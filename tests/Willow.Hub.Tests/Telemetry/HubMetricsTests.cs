using System.Text.RegularExpressions;
using Willow.Core.Commands;
using Willow.Testing;

namespace Willow.Hub.Tests.Telemetry;

/// <summary><c>/metrics</c> on the hub: Prometheus text an operator can scrape without a token, counting what happened.</summary>
[Collection(ProcessWideMetricsCollection.Name)]
public sealed partial class HubMetricsTests : HubTestBase
{
    [Fact]
    public async Task Metrics_CountCommandsByKindAndState_TheirDeliveryLatency_AndConnectedGateways_WithoutAToken()
    {
        var issued = await Hub.IssueAsync(Dispenser);
        await Gateway.ReportAsync(issued.Id, CommandState.Delivered);
        await Gateway.ReportAsync(issued.Id, CommandState.Executing);
        await Gateway.ReportAsync(issued.Id, CommandState.Succeeded, EventSource.Agent, "Released 1 portion.");
        using var anonymous = new HttpClient { BaseAddress = new Uri(Hub.Url + "/") };

        var text = await Eventually.WaitAsync(
            () => anonymous.GetStringAsync("metrics"),
            t => PrometheusText.Value(t, "willow_hub_commands_total", ("kind", "dispense"), ("state", "succeeded")) == 1,
            "the succeeded dispense in /metrics");

        Assert.Equal(1, PrometheusText.Value(text, "willow_hub_commands_total", ("kind", "dispense"), ("state", "queued")));
        Assert.Equal(1, PrometheusText.Value(text, "willow_hub_commands_total", ("kind", "dispense"), ("state", "delivered")));
        Assert.Equal(1, PrometheusText.Value(text, "willow_hub_command_delivery_latency_seconds_count", ("kind", "dispense")));
        Assert.Equal(1, PrometheusText.Value(text, "willow_hub_gateways_connected"));
        Assert.Matches(GcSeries(), text);
    }

    [GeneratedRegex(@"(?m)^dotnet_gc_\w+")]
    private static partial Regex GcSeries();
}
