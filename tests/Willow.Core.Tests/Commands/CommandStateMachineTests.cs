using Willow.Core.Commands;

namespace Willow.Core.Tests.Commands;

public sealed class CommandStateMachineTests
{
    [Theory]
    // The happy path, step by step, from the places that observe each step.
    [InlineData(CommandState.Queued, EventSource.Hub, CommandState.Delivered, EventSource.Gateway, TransitionDecision.Apply)]
    [InlineData(CommandState.Delivered, EventSource.Gateway, CommandState.Executing, EventSource.Gateway, TransitionDecision.Apply)]
    [InlineData(CommandState.Executing, EventSource.Gateway, CommandState.Succeeded, EventSource.Agent, TransitionDecision.Apply)]
    // Reports may skip steps when they are coalesced (a direct device reports only its outcome).
    [InlineData(CommandState.Queued, EventSource.Hub, CommandState.Succeeded, EventSource.Device, TransitionDecision.Apply)]
    [InlineData(CommandState.Delivered, EventSource.Hub, CommandState.Uncertain, EventSource.Device, TransitionDecision.Apply)]
    // Retried reports change nothing.
    [InlineData(CommandState.Executing, EventSource.Gateway, CommandState.Executing, EventSource.Gateway, TransitionDecision.Duplicate)]
    [InlineData(CommandState.Succeeded, EventSource.Agent, CommandState.Succeeded, EventSource.Agent, TransitionDecision.Duplicate)]
    // Late reports of earlier steps are stale.
    [InlineData(CommandState.Executing, EventSource.Gateway, CommandState.Delivered, EventSource.Gateway, TransitionDecision.Stale)]
    [InlineData(CommandState.Succeeded, EventSource.Agent, CommandState.Executing, EventSource.Gateway, TransitionDecision.Stale)]
    // A final outcome is never replaced by another one.
    [InlineData(CommandState.Succeeded, EventSource.Agent, CommandState.Failed, EventSource.Agent, TransitionDecision.Conflict)]
    [InlineData(CommandState.Uncertain, EventSource.Agent, CommandState.Succeeded, EventSource.Agent, TransitionDecision.Conflict)]
    [InlineData(CommandState.Expired, EventSource.Gateway, CommandState.Succeeded, EventSource.Agent, TransitionDecision.Conflict)]
    // The hub may only expire or cancel what the home has not taken.
    [InlineData(CommandState.Queued, EventSource.Hub, CommandState.Expired, EventSource.Hub, TransitionDecision.Apply)]
    [InlineData(CommandState.Queued, EventSource.Hub, CommandState.Cancelled, EventSource.Hub, TransitionDecision.Apply)]
    [InlineData(CommandState.Delivered, EventSource.Gateway, CommandState.Cancelled, EventSource.Hub, TransitionDecision.Conflict)]
    [InlineData(CommandState.Executing, EventSource.Gateway, CommandState.Expired, EventSource.Hub, TransitionDecision.Conflict)]
    [InlineData(CommandState.Queued, EventSource.Hub, CommandState.Succeeded, EventSource.Hub, TransitionDecision.Conflict)]
    // What the home did overturns what the hub presumed.
    [InlineData(CommandState.Expired, EventSource.Hub, CommandState.Executing, EventSource.Gateway, TransitionDecision.Overturn)]
    [InlineData(CommandState.Expired, EventSource.Hub, CommandState.Succeeded, EventSource.Agent, TransitionDecision.Overturn)]
    [InlineData(CommandState.Cancelled, EventSource.Hub, CommandState.Uncertain, EventSource.Agent, TransitionDecision.Overturn)]
    // …but a home that agrees nothing happened does not reopen it.
    [InlineData(CommandState.Expired, EventSource.Hub, CommandState.Delivered, EventSource.Gateway, TransitionDecision.Stale)]
    [InlineData(CommandState.Cancelled, EventSource.Hub, CommandState.Refused, EventSource.Gateway, TransitionDecision.Conflict)]
    public void Decide_FollowsTheLifeCycle(
        CommandState current, EventSource currentSource, CommandState next, EventSource nextSource, TransitionDecision expected) =>
        Assert.Equal(expected, CommandStateMachine.Decide(current, currentSource, next, nextSource));

    [Theory]
    [InlineData(CommandState.Queued, false)]
    [InlineData(CommandState.Delivered, false)]
    [InlineData(CommandState.Executing, false)]
    [InlineData(CommandState.Succeeded, true)]
    [InlineData(CommandState.Failed, true)]
    [InlineData(CommandState.Refused, true)]
    [InlineData(CommandState.Expired, true)]
    [InlineData(CommandState.Uncertain, true)]
    [InlineData(CommandState.Cancelled, true)]
    public void IsFinal_IsTrueForTheSixOutcomes(CommandState state, bool final) => Assert.Equal(final, state.IsFinal());

    [Fact]
    public void Decide_EveryPairOfStates_NeverMovesAFinalStateBackwards()
    {
        foreach (var current in Enum.GetValues<CommandState>().Where(s => s.IsFinal()))
        {
            foreach (var next in Enum.GetValues<CommandState>().Where(s => !s.IsFinal()))
            {
                foreach (var source in Enum.GetValues<EventSource>())
                {
                    var decision = CommandStateMachine.Decide(current, EventSource.Agent, next, source);
                    Assert.False(decision.Changes(), $"{current} (agent) → {next} ({source}) was {decision}");
                }
            }
        }
    }
}
