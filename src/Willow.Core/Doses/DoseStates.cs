using Willow.Core.Commands;

namespace Willow.Core.Doses;

/// <summary>Wire names and the rules for reported dose outcomes.</summary>
public static class DoseStates
{
    public static string ToWire(this DoseState state) => state switch
    {
        DoseState.Scheduled => "scheduled",
        DoseState.Dispensed => "dispensed",
        DoseState.Missed => "missed",
        DoseState.Skipped => "skipped",
        DoseState.Uncertain => "uncertain",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown dose state."),
    };

    public static DoseState Parse(string text)
    {
        foreach (var state in Enum.GetValues<DoseState>())
        {
            if (state.ToWire() == text)
            {
                return state;
            }
        }

        throw new FormatException($"'{text}' is not a dose state.");
    }

    public static bool IsFinal(this DoseState state) => state != DoseState.Scheduled;

    /// <summary>
    /// Decides a reported outcome. The hub presumes <c>missed</c> when it heard nothing, and a person may
    /// skip a dose; if the home then reports it gave the dose (it was offline, or the skip came too late),
    /// what happened overturns the presumption and the record keeps both.
    /// </summary>
    public static TransitionDecision Decide(DoseState current, EventSource currentSource, DoseState next, EventSource nextSource)
    {
        if (next == current)
        {
            return TransitionDecision.Duplicate;
        }

        if (current == DoseState.Scheduled)
        {
            return next == DoseState.Scheduled ? TransitionDecision.Stale : TransitionDecision.Apply;
        }

        return currentSource == EventSource.Hub
            && current is DoseState.Missed or DoseState.Skipped
            && nextSource != EventSource.Hub
            && next is DoseState.Dispensed or DoseState.Uncertain
            ? TransitionDecision.Overturn
            : TransitionDecision.Conflict;
    }
}
