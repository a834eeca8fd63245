using Microsoft.Extensions.Diagnostics.HealthChecks;
using Willow.Gateway.Journal;

namespace Willow.Gateway.HubLink;

/// <summary>
/// Degraded, not unhealthy, while the hub is unreachable: the home keeps working offline and reports
/// wait in the outbox.
/// </summary>
public sealed class HubLinkHealthCheck(HubSession session, GatewayJournal journal) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = session.State;
        var waiting = journal.OutboxCount();
        return Task.FromResult(state.Connected
            ? HealthCheckResult.Healthy($"Connected to the hub since {state.Since:u}; {waiting} report(s) waiting.")
            : HealthCheckResult.Degraded($"Not connected to the hub ({state.LastError}); {waiting} report(s) waiting in the outbox."));
    }
}
