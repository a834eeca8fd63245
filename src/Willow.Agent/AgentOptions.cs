using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace Willow.Agent;

/// <summary>Who this agent is and where it keeps its journal.</summary>
public sealed class AgentOptions
{
    public const string Section = "Agent";

    /// <summary>The device id the hub and the gateway know this board by, e.g. <c>treat-dispenser</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$", ErrorMessage = "DeviceId must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit.")]
    public string DeviceId { get; set; } = "";

    /// <summary>A name people recognise, e.g. "Kitchen treat dispenser".</summary>
    public string? Name { get; set; }

    [Required]
    public string DataDirectory { get; set; } = "/var/lib/willow/agent";

    /// <summary>The capabilities this board hosts: <c>dispenser</c>, <c>speaker</c>, <c>camera</c>, <c>sensors</c>.</summary>
    [MinLength(1, ErrorMessage = "An agent hosts at least one capability.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "An array is an ICollection: MinLength reads its Count directly, not by reflection.")]
    public string[] Capabilities { get; set; } = [];

    /// <summary>
    /// The home's key (base64, at least 32 bytes) that the gateway signs its requests with. Without it the
    /// agent serves no actuation endpoint on the LAN.
    /// </summary>
    public string? HomeKey { get; set; }
}
