using System.Text.Json;

namespace Willow.Core.Protocol;

/// <summary>
/// A command as it travels from the hub to the home: what to do, to which device, and until when it may
/// still be started. Immutable once issued; its state travels separately as <see cref="CommandStateReport"/>.
/// </summary>
public sealed record CommandEnvelope(
    Guid Id,
    Guid HouseholdId,
    string DeviceId,
    string Kind,
    JsonElement Args,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    Guid? DoseId = null,
    string? IdempotencyKey = null,
    LockoutOverride? LockoutOverride = null)
{
    /// <summary>A command not started by its expiry is never started.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;
}
