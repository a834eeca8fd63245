namespace Willow.Core.Protocol;

/// <summary>What the gateway knows of one agent on its LAN.</summary>
public sealed record DeviceReport(
    string DeviceId,
    string Name,
    IReadOnlyList<string> Capabilities,
    bool Online,
    DateTimeOffset? LastSeenAt,
    string? Version);
