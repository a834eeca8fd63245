using System.ComponentModel.DataAnnotations;

namespace Willow.Gateway;

/// <summary>How the gateway reaches its hub and its agents.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>
    /// The hub's base address; the gateway connects out to <c>{HubUrl}/hubs/gateway</c>. Usually left unset:
    /// <c>willow gateway enroll</c> keeps it with the token in the data directory.
    /// </summary>
    public string HubUrl { get; set; } = "";

    /// <summary>The gateway's token. Usually left unset: <c>willow gateway enroll</c> keeps it in the data directory.</summary>
    public string Token { get; set; } = "";

    [Required]
    public string DataDirectory { get; set; } = "/var/lib/willow/gateway";

    /// <summary>The home key (base64, ≥ 32 bytes) every request to an agent is signed with.</summary>
    [Required(ErrorMessage = "Gateway:HomeKey is required: agents refuse unsigned requests.")]
    public string HomeKey { get; set; } = "";

    /// <summary>How often agents are probed and their presence reported to the hub.</summary>
    public TimeSpan PresenceInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>One request to an agent may take this long (a five-portion dispense takes a few seconds).</summary>
    public TimeSpan AgentRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long to keep asking an agent that may have received a command for its outcome before recording
    /// the command as uncertain.
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// While connected, how often the gateway also asks the hub for its open commands. A push can be lost without
    /// the connection dropping (between hub nodes, the Redis backplane's subscription is re-made after Redis
    /// restarts); this picks such a command up instead of letting it wait in the queue until it expires. At least 1 s.
    /// </summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(30);
}
