using System.Text.Json.Serialization;

namespace Willow.HomeAssistant.Discovery;

/// <summary>
/// The <c>device</c> block: the Home Assistant device an entity belongs to, one per Willow device. Only documented
/// keys: Home Assistant refuses a discovery message with any other.
/// </summary>
public sealed record DiscoveryDevice
{
    [JsonPropertyName("identifiers")]
    public required IReadOnlyList<string> Identifiers { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("manufacturer")]
    public string? Manufacturer { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("sw_version")]
    public string? SwVersion { get; init; }

    /// <summary>The identifier of the device messages go through (the gateway, or the hub).</summary>
    [JsonPropertyName("via_device")]
    public string? ViaDevice { get; init; }
}
