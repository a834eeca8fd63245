using System.Text.Json.Serialization;

namespace Willow.Core.Doses;

/// <summary>
/// A dose is <c>scheduled</c> until it ends <c>dispensed</c>, <c>missed</c> (its window closed without a
/// dispense), <c>skipped</c> (a person chose not to give it) or <c>uncertain</c> (the dispenser was
/// interrupted mid-movement: a person must check).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DoseState>))]
public enum DoseState
{
    [JsonStringEnumMemberName("scheduled")] Scheduled,
    [JsonStringEnumMemberName("dispensed")] Dispensed,
    [JsonStringEnumMemberName("missed")] Missed,
    [JsonStringEnumMemberName("skipped")] Skipped,
    [JsonStringEnumMemberName("uncertain")] Uncertain,
}
