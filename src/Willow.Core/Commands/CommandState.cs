using System.Text.Json.Serialization;

namespace Willow.Core.Commands;

/// <summary>
/// Where a command is in its life: <c>queued → delivered → executing → succeeded | failed | refused |
/// expired | uncertain | cancelled</c>. The last six are final.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommandState>))]
public enum CommandState
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("delivered")] Delivered,
    [JsonStringEnumMemberName("executing")] Executing,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("refused")] Refused,
    [JsonStringEnumMemberName("expired")] Expired,
    [JsonStringEnumMemberName("uncertain")] Uncertain,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
