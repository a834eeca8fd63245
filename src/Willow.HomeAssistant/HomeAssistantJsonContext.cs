using System.Text.Json.Serialization;
using Willow.HomeAssistant.Discovery;

namespace Willow.HomeAssistant;

/// <summary>Source-generated JSON for what Willow publishes to Home Assistant (no reflection in the trimmed file).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiscoveryConfig))]
[JsonSerializable(typeof(PressOutcome))]
[JsonSerializable(typeof(LastDoseState))]
internal sealed partial class HomeAssistantJsonContext : JsonSerializerContext;
