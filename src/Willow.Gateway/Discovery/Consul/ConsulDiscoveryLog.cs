using Microsoft.Extensions.Logging;

namespace Willow.Gateway.Discovery.Consul;

/// <summary>Structured log messages of Consul discovery at the gateway (event ids 2700–2749).</summary>
internal static partial class ConsulDiscoveryLog
{
    [LoggerMessage(2700, LogLevel.Information, "Following the passing willow-agent instances in Consul at {Consul}")]
    public static partial void Following(ILogger logger, string consul);

    [LoggerMessage(2701, LogLevel.Information, "Consul discovery: agent {DeviceId} at {Address} {Change}")]
    public static partial void AgentChanged(ILogger logger, string deviceId, string address, string change);

    [LoggerMessage(2702, LogLevel.Warning, "Consul at {Consul} not reachable ({Reason}); keeping the {Count} agent(s) it listed last, asking again in {Delay}")]
    public static partial void Unreachable(ILogger logger, string consul, string reason, int count, TimeSpan delay);

    [LoggerMessage(2703, LogLevel.Information, "Consul at {Consul} answers again after {Outage}")]
    public static partial void Recovered(ILogger logger, string consul, TimeSpan outage);

    [LoggerMessage(2704, LogLevel.Warning, "Consul discovery: ignoring instance {ServiceId}: {Reason}")]
    public static partial void Ignored(ILogger logger, string serviceId, string reason);
}
