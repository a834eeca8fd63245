namespace Willow.Core.Commands;

/// <summary>
/// The command life cycle as a pure function. Reports may repeat and arrive out of order (delivery is
/// at-least-once), so a change is applied only when it moves the command forward.
/// </summary>
public static class CommandStateMachine
{
    public static bool IsFinal(this CommandState state) => Rank(state) == FinalRank;

    /// <summary>Decides what a report of <paramref name="next"/> from <paramref name="nextSource"/> does to a
    /// command that is in <paramref name="current"/>, last set by <paramref name="currentSource"/>.</summary>
    public static TransitionDecision Decide(
        CommandState current, EventSource currentSource, CommandState next, EventSource nextSource)
    {
        if (next == current)
        {
            return TransitionDecision.Duplicate;
        }

        if (nextSource == EventSource.Hub && !HubMaySet(current, next))
        {
            return TransitionDecision.Conflict;
        }

        if (current.IsFinal())
        {
            if (IsHubPresumption(current, currentSource) && nextSource != EventSource.Hub && MeansTheHomeActed(next))
            {
                return TransitionDecision.Overturn;
            }

            return next.IsFinal() ? TransitionDecision.Conflict : TransitionDecision.Stale;
        }

        return Rank(next) > Rank(current) ? TransitionDecision.Apply : TransitionDecision.Stale;
    }

    /// <summary>Whether the decision changes the command's recorded state.</summary>
    public static bool Changes(this TransitionDecision decision) =>
        decision is TransitionDecision.Apply or TransitionDecision.Overturn;

    private const int FinalRank = 3;

    private static int Rank(CommandState state) => state switch
    {
        CommandState.Queued => 0,
        CommandState.Delivered => 1,
        CommandState.Executing => 2,
        _ => FinalRank,
    };

    // The hub moves a command only while the home has not seen it: it hands it to a direct-mode device
    // (delivered), gives up on it after its expiry, or cancels it at a person's request.
    private static bool HubMaySet(CommandState current, CommandState next) =>
        current == CommandState.Queued && next is CommandState.Delivered or CommandState.Expired or CommandState.Cancelled;

    private static bool IsHubPresumption(CommandState state, EventSource source) =>
        source == EventSource.Hub && state is CommandState.Expired or CommandState.Cancelled;

    private static bool MeansTheHomeActed(CommandState state) =>
        state is CommandState.Executing or CommandState.Succeeded or CommandState.Failed or CommandState.Uncertain;
}
