namespace Willow.Gateway.Tests;

/// <summary>
/// Tests that read exact counts from <c>/metrics</c> run on their own, after the others: OpenTelemetry listens to a
/// meter by its name across the whole process, so while another test's host runs beside them, its commands, agents
/// and connections would be counted here too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetricsCollection
{
    public const string Name = "Process-wide metrics";
}
