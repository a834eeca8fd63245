namespace Willow.Core.Lockout;

/// <summary>Whether a dispense may go ahead now, and if not, from when it may.</summary>
public sealed record LockoutDecision(bool Allowed, DateTimeOffset? LockedUntil)
{
    public static LockoutDecision Allow { get; } = new(true, null);

    /// <summary>In UTC ("2026-12-02 21:23:16Z", as every instant in Willow's sentences): the dashboard and the CLI show it on the household's clock.</summary>
    public string Describe() => Allowed
        ? "allowed"
        : $"Locked out until {LockedUntil:u}: the minimum interval since the last dispense has not passed.";
}
