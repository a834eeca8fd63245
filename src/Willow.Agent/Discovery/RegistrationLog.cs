using Microsoft.Extensions.Logging;

namespace Willow.Agent.Discovery;

/// <summary>Structured log messages of the agent's registration with Consul (event ids 3500–3549).</summary>
internal static partial class RegistrationLog
{
    [LoggerMessage(3500, LogLevel.Information, "Registered with Consul at {Consul} as {ServiceId} ({Address}:{Port}, checked every {Interval})")]
    public static partial void Registered(ILogger logger, string consul, string serviceId, string address, int port, TimeSpan interval);

    [LoggerMessage(3501, LogLevel.Warning, "Could not register with Consul at {Consul} ({Reason}); serving anyway, trying again in {Delay}")]
    public static partial void RegisterFailed(ILogger logger, string consul, string reason, TimeSpan delay);

    [LoggerMessage(3502, LogLevel.Information, "Deregistered {ServiceId} from Consul")]
    public static partial void Deregistered(ILogger logger, string serviceId);

    [LoggerMessage(3503, LogLevel.Warning, "Could not deregister {ServiceId} from Consul ({Reason}); Consul removes it after {After} critical")]
    public static partial void DeregisterFailed(ILogger logger, string serviceId, string reason, TimeSpan after);
}
