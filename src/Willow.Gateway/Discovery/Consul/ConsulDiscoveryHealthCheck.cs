using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Willow.Gateway.Discovery.Consul;

/// <summary>
/// Degraded while Consul cannot be asked: commands still go to the agents it listed last, but a new board would
/// not be seen and one that died would not be dropped.
/// </summary>
public sealed class ConsulDiscoveryHealthCheck(ConsulAgentDirectory directory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = directory.State;
        var count = directory.Agents.Count;
        return Task.FromResult(state switch
        {
            { FailingSince: { } since } => HealthCheckResult.Degraded(
                $"Consul at {directory.Consul} has not answered since {since:u} ({state.LastError}); dispatching to the {count} agent(s) it listed last."),
            { Answered: false } => HealthCheckResult.Degraded($"Waiting for Consul at {directory.Consul} to list the agents."),
            _ => HealthCheckResult.Healthy($"Following {count} passing agent(s) in Consul at {directory.Consul}."),
        });
    }
}
