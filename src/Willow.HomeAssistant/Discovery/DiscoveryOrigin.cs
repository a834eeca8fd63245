using System.Text.Json.Serialization;

namespace Willow.HomeAssistant.Discovery;

/// <summary>The <c>origin</c> block: which application sent the discovery message (Home Assistant logs it).</summary>
public sealed record DiscoveryOrigin
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("sw_version")]
    public string? SwVersion { get; init; }
}
