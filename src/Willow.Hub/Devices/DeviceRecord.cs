namespace Willow.Hub.Devices;

/// <summary>
/// A device as the store keeps it. <see cref="Online"/> is the last report; see <see cref="DevicePresence"/>.
/// A dispenser knows its <see cref="Capacity"/> (slots or portions) and how many are <see cref="Remaining"/>,
/// and its gateway says until when it is locked out (<see cref="LockedUntil"/>); a speaker lists its
/// <see cref="Sounds"/>.
/// </summary>
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
    DateTimeOffset RegisteredAt,
    int? Capacity = null,
    int? Remaining = null,
    DateTimeOffset? LockedUntil = null,
    IReadOnlyList<string>? Sounds = null);
