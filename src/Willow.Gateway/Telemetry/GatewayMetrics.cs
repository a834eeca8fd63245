using System.Diagnostics.Metrics;
using Willow.Core.Commands;
using Willow.Gateway.Clock;
using Willow.Gateway.Doses;
using Willow.Gateway.HubLink;
using Willow.Gateway.Journal;

namespace Willow.Gateway.Telemetry;

/// <summary>
/// What the gateway measures, as the <c>Willow.Gateway</c> meter (served at <c>/metrics</c>): commands it relayed
/// and how long the agents took, doses it gave, its link, its clock, its outbox, and its agents coming and going.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Willow.Gateway";

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _agentCalls;
    private readonly Counter<long> _doses;
    private readonly Counter<long> _discoveryChanges;
    private readonly Counter<long> _readings;
    private readonly Counter<long> _photos;
    private int _agentsOnline;

    public GatewayMetrics(IMeterFactory meters, HubSession session, ClockGuard clock, GatewayJournal journal)
    {
        var meter = meters.Create(MeterName);
        _commands = meter.CreateCounter<long>("willow.gateway.commands", "{command}", "Commands the gateway finished, by kind and final state.");
        _agentCalls = meter.CreateHistogram<double>(
            "willow.gateway.agent.call_duration", "s", "From the gateway asking an agent to act to its answer (movement included), by kind.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _doses = meter.CreateCounter<long>("willow.gateway.doses", "{dose}", "Scheduled doses the gateway accounted for, by final state.");
        _discoveryChanges = meter.CreateCounter<long>("willow.gateway.discovery.changes", "{change}", "Agents discovery added or removed, by change.");
        _readings = meter.CreateCounter<long>("willow.gateway.readings", "{reading}", "Sensor readings collected from agents and queued for the hub.");
        _photos = meter.CreateCounter<long>("willow.gateway.photos", "{photo}", "Camera photos carried to the hub.");
        meter.CreateObservableGauge("willow.gateway.hub_link.connected", () => session.IsConnected ? 1 : 0, description: "1 while the WebSocket to the hub is up.");
        meter.CreateObservableGauge("willow.gateway.clock.trusted", () => clock.IsTrusted ? 1 : 0, description: "1 while the gateway trusts its clock (no scheduled dose otherwise).");
        meter.CreateObservableGauge("willow.gateway.outbox.depth", () => journal.OutboxCount(), "{report}", "Reports waiting for the hub.");
        meter.CreateObservableGauge("willow.gateway.agents.online", () => Volatile.Read(ref _agentsOnline), "{agent}", "Agents that answered the last presence round.");
    }

    public void CommandFinished(string kind, CommandState state) => _commands.Add(1, new("kind", kind), new("state", state.ToWire()));

    public void AgentAnswered(string kind, TimeSpan took) => _agentCalls.Record(took.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));

    public void DoseAccountedFor(HomeDoseState state) => _doses.Add(1, new KeyValuePair<string, object?>("state", state.ToWire()));

    public void AgentsDiscovered(int added, int removed)
    {
        if (added > 0)
        {
            _discoveryChanges.Add(added, new KeyValuePair<string, object?>("change", "added"));
        }

        if (removed > 0)
        {
            _discoveryChanges.Add(removed, new KeyValuePair<string, object?>("change", "removed"));
        }
    }

    public void AgentsOnline(int count) => Volatile.Write(ref _agentsOnline, count);

    public void ReadingsCollected(int count) => _readings.Add(count);

    public void PhotoDelivered() => _photos.Add(1);
}
