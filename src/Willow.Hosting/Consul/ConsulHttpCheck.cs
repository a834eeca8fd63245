namespace Willow.Hosting.Consul;

/// <summary>
/// A service's HTTP check as Consul takes it at registration. Durations are Go duration strings ("10s", "1m"), as
/// Consul documents; <see cref="ConsulDuration"/> writes them.
/// </summary>
public sealed record ConsulHttpCheck(
    string HTTP,
    string Interval,
    string Timeout,
    string DeregisterCriticalServiceAfter,
    string Method = "GET");
