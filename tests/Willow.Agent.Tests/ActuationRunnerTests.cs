using Willow.Agent.Capabilities;
using Willow.Agent.Journal;
using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Agent.Tests;

public sealed class ActuationRunnerTests
{
    [Fact]
    public async Task Dispense_NewCommand_MovesOnceAndRecordsSucceeded()
    {
        using var f = new RunnerFixture();
        var outcome = await f.Runner.RunAsync(f.Dispense(), default);

        Assert.Equal(CommandState.Succeeded, outcome.State);
        Assert.False(outcome.Replayed);
        Assert.Equal(1, f.Releases);
        Assert.Equal(0, f.Servo.AngleDegrees);
    }

    [Fact]
    public async Task Dispense_RepeatedCommandId_MovesServoOnce()
    {
        using var f = new RunnerFixture();
        var request = f.Dispense();
        var first = await f.Runner.RunAsync(request, default);
        var second = await f.Runner.RunAsync(request, default);
        var third = await f.Runner.RunAsync(request with { Args = System.Text.Json.JsonElement.Parse("{\"portions\":3}") }, default);

        Assert.Equal(1, f.Releases);
        Assert.True(second.Replayed);
        Assert.True(third.Replayed);
        Assert.Equal(first.State, second.State);
        Assert.Equal(first.FinishedAt, third.FinishedAt);
    }

    [Fact]
    public async Task Dispense_DuplicateArrivesWhileFirstIsMoving_WaitsAndMovesOnce()
    {
        var slow = new GatedCapability();
        using var f = new RunnerFixture(capability: slow);
        var request = f.Dispense();

        var first = f.Runner.RunAsync(request, default);
        await slow.Started.Task;
        var duplicate = f.Runner.RunAsync(request, default);
        Assert.False(duplicate.IsCompleted);

        slow.Finish.SetResult();
        var outcomes = await Task.WhenAll(first, duplicate);

        Assert.Equal(1, slow.Executions);
        Assert.Equal(CommandState.Succeeded, outcomes[1].State);
        Assert.True(outcomes[1].Replayed);
    }

    [Fact]
    public async Task Dispense_ArrivesAfterExpiry_RefusedAsExpiredAndNothingMoves()
    {
        using var f = new RunnerFixture();
        var request = f.Dispense(ttl: TimeSpan.FromSeconds(30));
        f.Time.Advance(TimeSpan.FromSeconds(30));

        var outcome = await f.Runner.RunAsync(request, default);

        Assert.Equal(CommandState.Expired, outcome.State);
        Assert.Equal(0, f.Releases);
        Assert.Null(outcome.StartedAt);
    }

    [Fact]
    public async Task Dispense_InsideMinimumInterval_RefusedWithTheEndOfTheLockout()
    {
        using var f = new RunnerFixture(minimumInterval: TimeSpan.FromHours(6));
        await f.Runner.RunAsync(f.Dispense(), default);
        f.Time.Advance(TimeSpan.FromHours(5));

        var outcome = await f.Runner.RunAsync(f.Dispense(), default);

        Assert.Equal(CommandState.Refused, outcome.State);
        Assert.Contains("2026-11-25 13:00:00Z", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(1, f.Releases);
    }

    [Fact]
    public async Task Dispense_AfterMinimumInterval_Allowed()
    {
        using var f = new RunnerFixture(minimumInterval: TimeSpan.FromHours(6));
        await f.Runner.RunAsync(f.Dispense(), default);
        f.Time.Advance(TimeSpan.FromHours(6));

        Assert.Equal(CommandState.Succeeded, (await f.Runner.RunAsync(f.Dispense(), default)).State);
        Assert.Equal(2, f.Releases);
    }

    [Fact]
    public async Task Dispense_InsideLockoutWithOwnerOverride_Moves()
    {
        using var f = new RunnerFixture(minimumInterval: TimeSpan.FromHours(6));
        await f.Runner.RunAsync(f.Dispense(), default);
        f.Time.Advance(TimeSpan.FromMinutes(10));

        var outcome = await f.Runner.RunAsync(f.Dispense(lockoutOverride: new LockoutOverride("first pill was dropped", "token:owner")), default);

        Assert.Equal(CommandState.Succeeded, outcome.State);
        Assert.Equal(2, f.Releases);
    }

    [Fact]
    public async Task Dispense_UncertainEarlierDispense_StillStartsTheLockout()
    {
        var hanging = new GatedCapability();
        using var f = new RunnerFixture(minimumInterval: TimeSpan.FromHours(6), capability: hanging);
        _ = f.Runner.RunAsync(f.Dispense(), default);
        await hanging.Started.Task;
        f.Reopen(new GatedCapability());
        f.Time.Advance(TimeSpan.FromHours(1));

        var outcome = await f.Runner.RunAsync(f.Dispense(), default);

        Assert.Equal(CommandState.Refused, outcome.State);
    }

    [Fact]
    public async Task Dispense_HardwareThrowsPartWay_RecordedUncertainNotRetried()
    {
        var broken = new GatedCapability { Throw = true };
        using var f = new RunnerFixture(capability: broken);
        var request = f.Dispense();
        broken.Finish.SetResult();

        var outcome = await f.Runner.RunAsync(request, default);
        var again = await f.Runner.RunAsync(request, default);

        Assert.Equal(CommandState.Uncertain, outcome.State);
        Assert.Equal(CommandState.Uncertain, again.State);
        Assert.Equal(1, broken.Executions);
    }

    [Fact]
    public async Task Intent_IsOnDiskBeforeTheServoMoves()
    {
        JournalEntry? seenDuringMove = null;
        var probe = new GatedCapability();
        using var f = new RunnerFixture(capability: probe);
        probe.OnExecute = () =>
        {
            // Another connection, as a restarted process would open it: the intent must already be committed.
            using var other = new ActuationJournal(f.JournalPath);
            seenDuringMove = other.Find(probe.LastCommandId);
        };
        probe.Finish.SetResult();

        await f.Runner.RunAsync(f.Dispense(), default);

        Assert.NotNull(seenDuringMove);
        Assert.Equal(CommandState.Executing, seenDuringMove.State);
        Assert.NotNull(seenDuringMove.StartedAt);
    }

    [Fact]
    public async Task Restart_IntentWithoutOutcome_BecomesUncertainAndIsNeverRunAgain()
    {
        var hanging = new GatedCapability();
        using var f = new RunnerFixture(capability: hanging);
        var request = f.Dispense();
        _ = f.Runner.RunAsync(request, default);
        await hanging.Started.Task;

        // The process dies here: the outcome is never written. The agent restarts on the same journal.
        var afterRestart = new GatedCapability();
        afterRestart.Finish.SetResult();
        var recovered = f.Reopen(afterRestart);

        var entry = Assert.Single(recovered);
        Assert.Equal(request.CommandId, entry.CommandId);
        Assert.Equal(CommandState.Uncertain, entry.State);

        var retried = await f.Runner.RunAsync(request, default);
        Assert.Equal(CommandState.Uncertain, retried.State);
        Assert.True(retried.Replayed);
        Assert.Equal(0, afterRestart.Executions);
    }

    [Fact]
    public async Task Restart_FinishedCommands_KeepTheirOutcome()
    {
        using var f = new RunnerFixture();
        var request = f.Dispense();
        await f.Runner.RunAsync(request, default);

        var recovered = f.Reopen();
        var again = await f.Runner.RunAsync(request, default);

        Assert.Empty(recovered);
        Assert.Equal(CommandState.Succeeded, again.State);
        Assert.Equal(1, f.Releases);
    }

    [Fact]
    public async Task Dispense_WithSlotOnAPlainDispenser_RefusedWithoutMoving()
    {
        using var f = new RunnerFixture();
        var outcome = await f.Runner.RunAsync(f.Dispense(args: "{\"slot\":2}"), default);

        Assert.Equal(CommandState.Refused, outcome.State);
        Assert.Equal(0, f.Releases);
    }

    /// <summary>A capability that signals when it starts and finishes only when told.</summary>
    private sealed class GatedCapability : ICapability
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Executions { get; private set; }

        public bool Throw { get; init; }

        public Action? OnExecute { get; set; }

        public Guid LastCommandId { get; private set; }

        public string Name => Capability.Dispenser;

        public string? Refuse(ActuationRequest request) => null;

        public async Task<CapabilityResult> ExecuteAsync(ActuationRequest request, CancellationToken cancellationToken)
        {
            Executions++;
            LastCommandId = request.CommandId;
            OnExecute?.Invoke();
            Started.TrySetResult();
            await Finish.Task;
            return Throw ? throw new IOException("PWM chip went away") : CapabilityResult.Succeeded();
        }
    }
}
