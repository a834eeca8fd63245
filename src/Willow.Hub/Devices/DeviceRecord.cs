namespace Willow.Hub.Devices;

/// <summary>A device as the store keeps it. <see cref="Online"/> is the last report; see <see cref="DevicePresence"/>.</summary>
public sealed record DeviceRecord(
    Guid HouseholdId,
    string DeviceId,
    string Name,
    IReadOnlyList<string> Capabilities,
    string Link,
    string? GatewayId,
    bool Online,
    DateTimeOffset? LastSeenAt,
    string? Version,
    DateTimeOffset RegisteredAt);
