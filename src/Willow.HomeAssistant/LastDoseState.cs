using System.Text.Json.Serialization;

namespace Willow.HomeAssistant;

/// <summary>The last dose given (or not) from a dispenser: the state of its <c>last_dose</c> sensor, and its attributes.</summary>
public sealed record LastDoseState(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("scheduled_at")] DateTimeOffset ScheduledAt,
    [property: JsonPropertyName("pet")] string? Pet,
    [property: JsonPropertyName("medication")] string? Medication,
    [property: JsonPropertyName("detail")] string? Detail);
