using System.Text.Json.Serialization;

namespace Willow.Core.Protocol;

/// <summary>
/// A direct-mode device announcing itself to the hub (<c>PUT /api/v1/device</c>). A field the hub does not know
/// is refused rather than dropped: the device and the hub come from the same release.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DirectDeviceHello(string Name, IReadOnlyList<string> Capabilities, string? Version);
