using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Willow.Gateway.Discovery.Static;

/// <summary>
/// <c>Discovery:Provider</c>, and the agents listed by hand for <c>static</c>: <c>Discovery:Agents:0:DeviceId</c>,
/// <c>Discovery:Agents:0:Url</c>. With <c>consul</c>, the list is not used (<c>Consul:*</c> says where Consul is).
/// </summary>
public sealed class StaticDiscoveryOptions
{
    public const string Section = "Discovery";

    [AllowedValues("static", "consul", ErrorMessage = "Discovery:Provider must be 'static' (agents listed in Discovery:Agents) or 'consul'.")]
    public string Provider { get; set; } = "static";

    /// <summary>Each agent is checked too: a device id the hub would refuse, or an address that is not one, stops the gateway at start.</summary>
    [ValidateEnumeratedItems]
    public List<StaticAgent> Agents { get; set; } = [];
}

public sealed class StaticAgent
{
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$")]
    public string DeviceId { get; set; } = "";

    [Required, Url]
    public string Url { get; set; } = "";
}
