using System.ComponentModel.DataAnnotations;

namespace Willow.Hosting.Consul;

/// <summary>
/// How an agent or a gateway reaches Consul (<c>Consul:*</c>), used when <c>Discovery:Provider</c> is <c>consul</c>.
/// The gateway reads the address, the token and the wait; the agent also what it registers.
/// </summary>
public sealed class ConsulOptions
{
    public const string Section = "Consul";

    /// <summary>The Consul agent's HTTP API, usually the local one.</summary>
    [Required, Url]
    public string Address { get; set; } = "http://127.0.0.1:8500";

    /// <summary>An ACL token, sent as <c>X-Consul-Token</c>; empty when Consul runs without ACLs.</summary>
    public string? Token { get; set; }

    /// <summary>The address the gateway and Consul's health check reach this agent at; empty: this board's LAN address.</summary>
    public string? ServiceAddress { get; set; }

    /// <summary>The port advertised; empty: the port the agent listens on.</summary>
    [Range(1, 65535)]
    public int? ServicePort { get; set; }

    /// <summary>How often Consul asks the agent's <c>/health/ready</c>.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one check may take before it counts as critical.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A board critical this long is removed from Consul by Consul itself (an agent that died without saying goodbye).
    /// Consul applies at least one minute and reaps every 30 seconds.
    /// </summary>
    public TimeSpan DeregisterCriticalAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest a blocking query waits for a change (Consul caps it at ten minutes).</summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromMinutes(5);
}
