using System.Text.Json.Serialization;

namespace Willow.HomeAssistant;

/// <summary>
/// What became of a press in Home Assistant, on the button's outcome topic: an event of the button's outcome entity
/// (<c>event_type</c>), and the button's attributes, so the person who pressed sees why a feed was refused.
/// </summary>
public sealed record PressOutcome(
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("command_id")] Guid? CommandId,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    /// <summary>The outcomes a press can have: the command's final states, and <c>rejected</c> when no command could be issued.</summary>
    public static IReadOnlyList<string> EventTypes { get; } = ["succeeded", "failed", "refused", "expired", "uncertain", "cancelled", "rejected"];
}
