using System.Text.Json.Serialization;

namespace Willow.Core.Commands;

/// <summary>Which process observed a state change. The hub only presumes; the home reports what happened.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventSource>))]
public enum EventSource
{
    [JsonStringEnumMemberName("hub")] Hub,
    [JsonStringEnumMemberName("gateway")] Gateway,
    [JsonStringEnumMemberName("agent")] Agent,
    /// <summary>A direct-mode device that polls the hub itself.</summary>
    [JsonStringEnumMemberName("device")] Device,
}
