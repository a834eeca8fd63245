namespace Willow.Core.Protocol;

/// <summary>A direct-mode device announcing itself to the hub (<c>PUT /api/v1/device</c>).</summary>
public sealed record DirectDeviceHello(string Name, IReadOnlyList<string> Capabilities, string? Version);
