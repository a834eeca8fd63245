using System.Diagnostics.Metrics;
using Willow.Core.Commands;

namespace Willow.Agent.Telemetry;

/// <summary>What an agent measures, as the <c>Willow.Agent</c> meter (served at <c>/metrics</c>, unsigned like <c>/health</c>).</summary>
public sealed class AgentMetrics
{
    public const string MeterName = "Willow.Agent";

    private readonly Counter<long> _actuations;
    private readonly Histogram<double> _duration;

    public AgentMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _actuations = meter.CreateCounter<long>(
            "willow.agent.actuations", "{command}", "Commands this agent answered, by kind and state; replayed ones (answered from the journal) apart.");
        _duration = meter.CreateHistogram<double>(
            "willow.agent.actuation.duration", "s", "How long the hardware took for a command that ran, by kind.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void Answered(string kind, CommandState state, bool replayed) =>
        _actuations.Add(1, new("kind", kind), new("state", state.ToWire()), new("replayed", replayed));

    public void Ran(string kind, TimeSpan took) => _duration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
}
