namespace Willow.Testing;

/// <summary>How a <see cref="ConsulEmulation"/> behaves where a real Consul is configured.</summary>
public sealed class ConsulEmulationOptions
{
    /// <summary>
    /// ACL tokens and what each may do, as Consul with <c>acl.enabled</c> and <c>default_policy = "deny"</c>:
    /// null turns ACLs off (every request allowed). A request without a token is the anonymous token, which may
    /// do nothing.
    /// </summary>
    public IReadOnlyDictionary<string, ConsulEmulationRights>? AclTokens { get; init; }

    /// <summary>Consul ignores a <c>DeregisterCriticalServiceAfter</c> below one minute; tests lower the floor to stay short.</summary>
    public TimeSpan MinimumDeregisterAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Consul's reaper of critical services runs every 30 seconds.</summary>
    public TimeSpan ReapInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The node every service is registered on, as a single-node Consul would have it.</summary>
    public string NodeName { get; init; } = "willow-home";

    public string NodeAddress { get; init; } = "127.0.0.1";
}

/// <summary>What an ACL token allows on the <c>willow-agent</c> service.</summary>
[Flags]
public enum ConsulEmulationRights
{
    None = 0,
    ServiceRead = 1,
    ServiceWrite = 2,
}
