using System.Diagnostics.Metrics;
using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Hub.Gateways;

namespace Willow.Hub.Telemetry;

/// <summary>
/// What the hub measures, as the <c>Willow.Hub</c> meter (served at <c>/metrics</c>). Per node: with several hub
/// nodes, sum them in the query. Names follow OpenTelemetry's conventions; Prometheus shows them with underscores
/// (<c>willow_hub_commands_total</c>).
/// </summary>
public sealed class HubMetrics
{
    public const string MeterName = "Willow.Hub";

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _deliveryLatency;
    private readonly Counter<long> _doses;
    private readonly Counter<long> _readings;
    private readonly Counter<long> _photos;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _alertDeliveries;

    public HubMetrics(IMeterFactory meters, GatewayConnections gateways)
    {
        var meter = meters.Create(MeterName);
        _commands = meter.CreateCounter<long>(
            "willow.hub.commands", "{command}", "Commands reaching a state, by kind and state (queued when issued).");
        _deliveryLatency = meter.CreateHistogram<double>(
            "willow.hub.command.delivery_latency", "s", "From a command being issued to the home taking it (delivered), on the hub's clock.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _doses = meter.CreateCounter<long>("willow.hub.doses", "{dose}", "Dose outcomes recorded, by state and who said so.");
        _readings = meter.CreateCounter<long>("willow.hub.readings", "{reading}", "Sensor readings kept (each once).");
        _photos = meter.CreateCounter<long>("willow.hub.photos", "{photo}", "Camera photos kept.");
        _alerts = meter.CreateCounter<long>("willow.hub.alerts", "{alert}", "Alerts opened, by kind and severity.");
        _alertDeliveries = meter.CreateCounter<long>(
            "willow.hub.alert.deliveries", "{delivery}", "Alert delivery attempts, by channel kind and outcome (sent, failed, gave-up, dropped).");
        meter.CreateObservableUpDownCounter("willow.hub.gateways.connected", () => gateways.Count, "{gateway}", "Gateway connections open on this node.");
    }

    public void CommandIssued(string kind) => _commands.Add(1, new("kind", kind), new("state", CommandState.Queued.ToWire()));

    public void CommandReached(string kind, CommandState state) => _commands.Add(1, new("kind", kind), new("state", state.ToWire()));

    public void CommandDelivered(string kind, TimeSpan sinceIssued) =>
        _deliveryLatency.Record(Math.Max(0, sinceIssued.TotalSeconds), new KeyValuePair<string, object?>("kind", kind));

    public void DoseRecorded(DoseState state, string source) => _doses.Add(1, new("state", state.ToWire()), new("source", source));

    public void ReadingsKept(int count) => _readings.Add(count);

    public void PhotoKept() => _photos.Add(1);

    public void AlertOpened(string kind, string severity) => _alerts.Add(1, new("kind", kind), new("severity", severity));

    public void AlertDelivery(string channel, string outcome) => _alertDeliveries.Add(1, new("channel", channel), new("outcome", outcome));
}
