using Microsoft.Extensions.Time.Testing;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Testing;

namespace Willow.Gateway.Tests;

public sealed class CommandRelayTests
{
    [Fact]
    public async Task Command_IsRecordedDeliveredExecutingAndTheAgentsOutcome_InTheOutbox()
    {
        await using var f = new RelayFixture();
        await f.StartAgentAsync();
        var command = f.Dispense();

        f.Relay.Enqueue(command);
        var final = await f.WaitFinalAsync(command.Id);

        Assert.Equal(CommandState.Succeeded, final.State);
        Assert.Equal(1, f.Releases);
        Assert.Equal(
            [(CommandState.Delivered, EventSource.Gateway), (CommandState.Executing, EventSource.Gateway), (CommandState.Succeeded, EventSource.Agent)],
            f.Journal.PeekOutbox(10).Select(e => (e.Report!.State, e.Report.Source)));
    }

    [Fact]
    public async Task SameCommandPushedAndSynced_AgentMovesOnce()
    {
        await using var f = new RelayFixture();
        await f.StartAgentAsync();
        var command = f.Dispense();

        f.Relay.Enqueue(command);
        f.Relay.Enqueue(command, fromSync: true);
        await f.WaitFinalAsync(command.Id);
        f.Relay.Enqueue(command, fromSync: true);
        await Task.Delay(300);

        Assert.Equal(1, f.Releases);
        Assert.Single(f.Finished);
    }

    [Fact]
    public async Task CommandAlreadyExpiredWhenItArrives_NeverReachesTheAgent()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var f = new RelayFixture(time: time);
        await f.StartAgentAsync();
        var command = f.Dispense(ttl: TimeSpan.FromSeconds(60));
        time.Advance(TimeSpan.FromSeconds(61));

        f.Relay.Enqueue(command);
        var final = await f.WaitFinalAsync(command.Id);

        Assert.Equal(CommandState.Expired, final.State);
        Assert.Equal(0, f.Releases);
        Assert.Contains("nothing was sent", final.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondDispenseInsideTheGatewaysLockout_RefusedWithoutAskingTheAgent()
    {
        await using var f = new RelayFixture(gatewayLockout: TimeSpan.FromHours(6));
        await f.StartAgentAsync();
        var first = f.Dispense();
        var second = f.Dispense();

        f.Relay.Enqueue(first);
        f.Relay.Enqueue(second);
        var refused = await f.WaitFinalAsync(second.Id);

        Assert.Equal(CommandState.Refused, refused.State);
        Assert.Contains("checked by the gateway", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(1, f.Releases);
    }

    [Fact]
    public async Task OwnerOverride_DispensesInsideTheLockout_AndSaysWhy()
    {
        await using var f = new RelayFixture(gatewayLockout: TimeSpan.FromHours(6));
        await f.StartAgentAsync();
        var first = f.Dispense();
        var second = f.Dispense(lockoutOverride: new LockoutOverride("vet's instruction", "token:owner"));

        f.Relay.Enqueue(first);
        f.Relay.Enqueue(second);
        var final = await f.WaitFinalAsync(second.Id);

        Assert.Equal(CommandState.Succeeded, final.State);
        Assert.Equal(2, f.Releases);
        Assert.Contains(f.Journal.PeekOutbox(20), e => e.Report!.CommandId == second.Id && e.Report.Detail?.Contains("vet's instruction", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AgentDownThenUp_TheRelayKeepsAskingAndTheDispenseHappensOnce()
    {
        await using var f = new RelayFixture();
        var port = Ports.Free();
        f.PointAtNothing(port);
        var command = f.Dispense();

        f.Relay.Enqueue(command);
        await Task.Delay(700);
        Assert.Equal(CommandState.Executing, f.Journal.Find(command.Id)!.State);
        await f.StartAgentAsync(url: $"http://127.0.0.1:{port}");

        var final = await f.WaitFinalAsync(command.Id);
        Assert.Equal(CommandState.Succeeded, final.State);
        Assert.Equal(1, f.Releases);
    }

    [Fact]
    public async Task AgentUnreachableUntilExpiry_FailsAndSaysNothingWasSent()
    {
        await using var f = new RelayFixture();
        f.PointAtNothing(Ports.Free());
        var command = f.Dispense(ttl: TimeSpan.FromSeconds(1));

        f.Relay.Enqueue(command);
        var final = await f.WaitFinalAsync(command.Id);

        Assert.Equal(CommandState.Failed, final.State);
        Assert.Contains("nothing was sent", final.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledBeforeItStarts_NeverReachesTheAgent()
    {
        await using var f = new RelayFixture();
        await f.StartAgentAsync();
        var command = f.Dispense();

        f.Relay.Cancel(command.Id);
        f.Relay.Enqueue(command);
        var final = await f.WaitFinalAsync(command.Id);

        Assert.Equal(CommandState.Cancelled, final.State);
        Assert.Equal(0, f.Releases);
    }

    [Fact]
    public async Task GatewayRestartsWhileACommandIsExecuting_ItAsksTheAgentAgain_AndTheServoMovesOnce()
    {
        await using var f = new RelayFixture();
        await f.StartAgentAsync(new Dictionary<string, string?> { ["Dispenser:Dwell"] = "00:00:01.500" });
        var command = f.Dispense();

        f.Relay.Enqueue(command);
        await Willow.Testing.Eventually.WaitAsync(() => f.Releases == 1, "the servo to start moving");

        // The gateway stops mid-request; its journal says "executing".
        var resumed = await f.RestartRelayAsync();
        Assert.Equal(1, resumed);

        var final = await f.WaitFinalAsync(command.Id);
        Assert.Equal(CommandState.Succeeded, final.State);
        Assert.Equal(1, f.Releases);
    }

    [Fact]
    public async Task GatewayRestartsBeforeSendingADeliveredCommand_ItIsStartedAfterTheRestart()
    {
        await using var f = new RelayFixture();
        var command = f.Dispense();
        f.Journal.TryRecordDelivered(command, DateTimeOffset.UtcNow);

        await f.StartAgentAsync();
        Assert.Equal(1, await f.RestartRelayAsync());

        Assert.Equal(CommandState.Succeeded, (await f.WaitFinalAsync(command.Id)).State);
        Assert.Equal(1, f.Releases);
    }

    [Fact]
    public async Task FinishedCommandSyncedAgain_IsReportedAgainNotRunAgain()
    {
        await using var f = new RelayFixture();
        await f.StartAgentAsync();
        var command = f.Dispense();
        f.Relay.Enqueue(command);
        await f.WaitFinalAsync(command.Id);
        f.Journal.RemoveFromOutbox(long.MaxValue);

        f.Relay.Enqueue(command, fromSync: true);
        await Willow.Testing.Eventually.WaitAsync(() => f.Journal.OutboxCount() == 1, "the outcome to be queued again");

        Assert.Equal(CommandState.Succeeded, f.Journal.PeekOutbox(1).Single().Report!.State);
        Assert.Equal(1, f.Releases);
    }

}
