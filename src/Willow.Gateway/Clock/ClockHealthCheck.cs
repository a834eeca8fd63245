using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Willow.Gateway.Clock;

/// <summary>Degraded while the clock is not trusted: the gateway works, but gives no scheduled dose.</summary>
public sealed class ClockHealthCheck(ClockGuard clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(clock.IsTrusted ? HealthCheckResult.Healthy(clock.Reason) : HealthCheckResult.Degraded(clock.Reason));
}
