namespace Willow.Core.Lockout;

/// <summary>Whether a dispense may go ahead now, and if not, from when it may.</summary>
public sealed record LockoutDecision(bool Allowed, DateTimeOffset? LockedUntil)
{
    public static LockoutDecision Allow { get; } = new(true, null);

    public string Describe() => Allowed
        ? "allowed"
        : $"Locked out until {LockedUntil:yyyy-MM-dd HH:mm:ss}Z: the minimum interval since the last dispense has not passed.";
}
