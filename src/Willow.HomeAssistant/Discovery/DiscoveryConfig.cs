using System.Text.Json.Serialization;

namespace Willow.HomeAssistant.Discovery;

/// <summary>
/// One entity's discovery message (<c>&lt;prefix&gt;/&lt;component&gt;/&lt;object_id&gt;/config</c>), with Home Assistant's full
/// key names (it also accepts abbreviations; full names are what a person reading the broker understands). Only the
/// keys an entity needs are written; the rest stay out of the payload.
/// </summary>
public sealed record DiscoveryConfig
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("unique_id")]
    public required string UniqueId { get; init; }

    /// <summary>The entity id Home Assistant gives the entity the first time (it replaced the deprecated <c>object_id</c>).</summary>
    [JsonPropertyName("default_entity_id")]
    public required string DefaultEntityId { get; init; }

    [JsonPropertyName("device")]
    public required DiscoveryDevice Device { get; init; }

    [JsonPropertyName("origin")]
    public required DiscoveryOrigin Origin { get; init; }

    [JsonPropertyName("availability")]
    public IReadOnlyList<DiscoveryAvailability>? Availability { get; init; }

    /// <summary><c>all</c>: the bridge and the device must both be online.</summary>
    [JsonPropertyName("availability_mode")]
    public string? AvailabilityMode { get; init; }

    [JsonPropertyName("state_topic")]
    public string? StateTopic { get; init; }

    [JsonPropertyName("value_template")]
    public string? ValueTemplate { get; init; }

    [JsonPropertyName("json_attributes_topic")]
    public string? JsonAttributesTopic { get; init; }

    [JsonPropertyName("command_topic")]
    public string? CommandTopic { get; init; }

    [JsonPropertyName("payload_press")]
    public string? PayloadPress { get; init; }

    /// <summary>Always false on a button: a retained press would dispense again on every reconnect.</summary>
    [JsonPropertyName("retain")]
    public bool? Retain { get; init; }

    [JsonPropertyName("qos")]
    public int? Qos { get; init; }

    [JsonPropertyName("payload_on")]
    public string? PayloadOn { get; init; }

    [JsonPropertyName("payload_off")]
    public string? PayloadOff { get; init; }

    [JsonPropertyName("device_class")]
    public string? DeviceClass { get; init; }

    [JsonPropertyName("state_class")]
    public string? StateClass { get; init; }

    [JsonPropertyName("unit_of_measurement")]
    public string? UnitOfMeasurement { get; init; }

    [JsonPropertyName("suggested_display_precision")]
    public int? SuggestedDisplayPrecision { get; init; }

    /// <summary>Seconds after which a reading not renewed shows as unavailable.</summary>
    [JsonPropertyName("expire_after")]
    public int? ExpireAfter { get; init; }

    /// <summary>The states of an <c>enum</c> sensor.</summary>
    [JsonPropertyName("options")]
    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>The event types an <c>event</c> entity may fire.</summary>
    [JsonPropertyName("event_types")]
    public IReadOnlyList<string>? EventTypes { get; init; }

    [JsonPropertyName("entity_category")]
    public string? EntityCategory { get; init; }

    [JsonPropertyName("icon")]
    public string? Icon { get; init; }
}
