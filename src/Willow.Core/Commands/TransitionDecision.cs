namespace Willow.Core.Commands;

/// <summary>What to do with a reported state change.</summary>
public enum TransitionDecision
{
    /// <summary>A step forward: record it.</summary>
    Apply,

    /// <summary>
    /// The home reports that it acted on a command the hub had presumed expired or cancelled (the report
    /// was delayed, or the clocks disagree). What happened wins over what the hub presumed; both stay in
    /// the timeline.
    /// </summary>
    Overturn,

    /// <summary>The command is already in that state (a retried report): nothing to do.</summary>
    Duplicate,

    /// <summary>An older report arriving after a newer one: nothing to do.</summary>
    Stale,

    /// <summary>The change contradicts a final outcome or is not allowed from its source.</summary>
    Conflict,
}
