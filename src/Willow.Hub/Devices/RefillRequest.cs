using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Willow.Hub.Devices;

/// <summary>
/// Body of <c>POST …/devices/{deviceId}/refill</c>: how many portions the dispenser holds now (default: full),
/// and its capacity if it is new or changed.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RefillRequest
{
    [Range(1, 1000, ErrorMessage = "capacity must be from 1 to 1000 portions.")]
    public int? Capacity { get; init; }

    [Range(0, 1000, ErrorMessage = "remaining must be from 0 to 1000 portions.")]
    public int? Remaining { get; init; }
}
