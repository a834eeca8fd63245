using System.Text.Json.Serialization;

namespace Willow.HomeAssistant.Discovery;

/// <summary>One entry of the <c>availability</c> list: a topic whose retained <c>online</c>/<c>offline</c> says whether the entity can be used.</summary>
public sealed record DiscoveryAvailability
{
    [JsonPropertyName("topic")]
    public required string Topic { get; init; }

    [JsonPropertyName("payload_available")]
    public string PayloadAvailable { get; init; } = HomeStates.Online;

    [JsonPropertyName("payload_not_available")]
    public string PayloadNotAvailable { get; init; } = HomeStates.Offline;
}
