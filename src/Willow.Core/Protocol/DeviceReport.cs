namespace Willow.Core.Protocol;

/// <summary>
/// What the gateway knows of one agent on its LAN. <see cref="LockedUntil"/> is set for a dispenser inside
/// its lockout: the gateway holds the record of the last dispense and the regimens' minimum intervals, so
/// it is the one that can say until when a dispense would be refused. <see cref="Sounds"/> is a speaker's
/// library, so people can choose what to play.
/// </summary>
public sealed record DeviceReport(
    string DeviceId,
    string Name,
    IReadOnlyList<string> Capabilities,
    bool Online,
    DateTimeOffset? LastSeenAt,
    string? Version,
    DateTimeOffset? LockedUntil = null,
    IReadOnlyList<string>? Sounds = null);
