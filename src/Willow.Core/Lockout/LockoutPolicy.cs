namespace Willow.Core.Lockout;

/// <summary>
/// The minimum interval between two dispenses on one dispenser. Checked by the gateway and again by the
/// agent, each against its own record, so that neither alone can double-dose.
/// </summary>
public static class LockoutPolicy
{
    /// <param name="lastDispenseStartedAt">When the last dispense that may have released something started
    /// (succeeded, uncertain, or still executing); null when there was none.</param>
    /// <param name="minimumInterval">Zero turns the lockout off.</param>
    /// <param name="now">The current instant.</param>
    public static LockoutDecision Check(DateTimeOffset? lastDispenseStartedAt, TimeSpan minimumInterval, DateTimeOffset now)
    {
        if (minimumInterval <= TimeSpan.Zero || lastDispenseStartedAt is not { } last)
        {
            return LockoutDecision.Allow;
        }

        var until = last + minimumInterval;

        // A clock that stepped backwards puts "now" before the last dispense; that is still inside the lockout.
        return now >= until ? LockoutDecision.Allow : new LockoutDecision(false, until);
    }
}
