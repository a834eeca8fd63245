using System.Text.Json;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Hub.Accounts;
using Willow.Hub.Commands;
using Willow.Hub.Devices;
using Willow.Hub.Households;

namespace Willow.Hub.Tests.Storage;

/// <summary>
/// What every hub store must do, whatever it is built on. Each provider runs this same suite by
/// deriving from it (SQLite now; Redis when it arrives).
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);
    protected static readonly Guid Home = Guid.Parse("0193a0a0-0000-7000-8000-00000000a001");
    protected static readonly Guid NextDoor = Guid.Parse("0193a0a0-0000-7000-8000-00000000b002");

    protected ICommandStore Commands { get; private set; } = null!;

    protected IDeviceStore Devices { get; private set; } = null!;

    protected abstract (ICommandStore Commands, IDeviceStore Devices, IHouseholdStore Households, IAccountStore Accounts) CreateStores();

    public async ValueTask InitializeAsync()
    {
        var (commands, devices, households, accounts) = CreateStores();
        (Commands, Devices) = (commands, devices);
        var owner = new User(Guid.NewGuid(), "owner@example.org", "Owner", "not a hash", Now);
        await accounts.CreateUserAsync(owner, default);
        await households.CreateAsync(new Household(Home, "Home", "Europe/Berlin", Now), new Membership(Home, owner.Id, HouseholdRole.Owner, null, "test", Now), default);
        await households.CreateAsync(new Household(NextDoor, "Next door", "Europe/Berlin", Now), new Membership(NextDoor, owner.Id, HouseholdRole.Owner, null, "test", Now), default);
        await devices.ApplyGatewayReportAsync(Home, "home", Report(("dispenser", true), ("speaker", true)), default);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Create_ThenGet_IsQueuedWithItsFirstEvent()
    {
        var command = NewCommand();
        await Commands.CreateAsync(command, null, [], default);

        var stored = await Commands.GetAsync(Home, command.Id, default);

        Assert.NotNull(stored);
        Assert.Equal(CommandState.Queued, stored.State);
        Assert.Equal(command.ExpiresAt, stored.Envelope.ExpiresAt);
        Assert.Equal(1, stored.Envelope.Args.GetProperty("portions").GetInt32());
        Assert.Equal(CommandState.Queued, Assert.Single(stored.Events).State);
    }

    [Fact]
    public async Task Get_FromAnotherHousehold_IsNotFound()
    {
        var command = NewCommand();
        await Commands.CreateAsync(command, null, [], default);
        Assert.Null(await Commands.GetAsync(NextDoor, command.Id, default));
    }

    [Fact]
    public async Task Apply_StepsForward_AndIgnoresRepeatsAndStaleReports()
    {
        var command = NewCommand();
        await Commands.CreateAsync(command, null, [], default);

        Assert.Equal(TransitionDecision.Apply, (await Apply(command.Id, CommandState.Delivered)).Decision);
        Assert.Equal(TransitionDecision.Apply, (await Apply(command.Id, CommandState.Executing)).Decision);
        Assert.Equal(TransitionDecision.Duplicate, (await Apply(command.Id, CommandState.Executing)).Decision);
        Assert.Equal(TransitionDecision.Apply, (await Apply(command.Id, CommandState.Succeeded, EventSource.Agent)).Decision);
        Assert.Equal(TransitionDecision.Stale, (await Apply(command.Id, CommandState.Delivered)).Decision);
        var last = await Apply(command.Id, CommandState.Failed, EventSource.Agent);

        Assert.Equal(TransitionDecision.Conflict, last.Decision);
        Assert.Equal(CommandState.Succeeded, last.Command!.State);
        Assert.Equal(4, last.Command.Events.Count);
    }

    [Fact]
    public async Task Apply_UnknownCommand_ChangesNothing()
    {
        var result = (await Commands.ApplyAsync(Home, [new CommandStateReport(Guid.NewGuid(), CommandState.Succeeded, Now, EventSource.Agent, null)], default))[0];
        Assert.Null(result.Command);
        Assert.False(result.Decision.Changes());
    }

    [Fact]
    public async Task Apply_ConcurrentContradictoryOutcomes_ExactlyOneWins()
    {
        var command = NewCommand();
        await Commands.CreateAsync(command, null, [], default);
        CommandState[] outcomes = [CommandState.Succeeded, CommandState.Failed, CommandState.Uncertain, CommandState.Refused];

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Task.Run(() => Apply(command.Id, outcomes[i % outcomes.Length], EventSource.Agent))));

        var stored = await Commands.GetAsync(Home, command.Id, default);
        Assert.Single(results, r => r.Decision == TransitionDecision.Apply);
        Assert.Equal(2, stored!.Events.Count);
        Assert.Equal(stored.State, stored.Events[^1].State);
    }

    [Fact]
    public async Task IdempotencyKey_ClaimReplayMismatchInProgressAndTakeover()
    {
        var scope = new IdempotencyKeyScope(Home, "token:owner", "k");
        Assert.Equal(IdempotencyClaimResult.Claimed, (await Commands.ClaimIdempotencyKeyAsync(scope, "h1", Now, Lease, default)).Result);
        Assert.Equal(IdempotencyClaimResult.InProgress, (await Commands.ClaimIdempotencyKeyAsync(scope, "h1", Now.AddSeconds(1), Lease, default)).Result);

        var command = NewCommand() with { IdempotencyKey = "k" };
        await Commands.CreateAsync(command, scope, [], default);

        var replay = await Commands.ClaimIdempotencyKeyAsync(scope, "h1", Now.AddSeconds(2), Lease, default);
        Assert.Equal(IdempotencyClaimResult.Replay, replay.Result);
        Assert.Equal(command.Id, replay.CommandId);
        Assert.Equal(IdempotencyClaimResult.Mismatch, (await Commands.ClaimIdempotencyKeyAsync(scope, "h2", Now.AddSeconds(3), Lease, default)).Result);

        var abandoned = scope with { Key = "k-abandoned" };
        await Commands.ClaimIdempotencyKeyAsync(abandoned, "h1", Now, Lease, default);
        Assert.Equal(IdempotencyClaimResult.Claimed, (await Commands.ClaimIdempotencyKeyAsync(abandoned, "h1", Now + Lease, Lease, default)).Result);

        var released = scope with { Key = "k-released" };
        await Commands.ClaimIdempotencyKeyAsync(released, "h1", Now, Lease, default);
        await Commands.ReleaseIdempotencyKeyAsync(released, default);
        Assert.Equal(IdempotencyClaimResult.Claimed, (await Commands.ClaimIdempotencyKeyAsync(released, "h2", Now, Lease, default)).Result);
    }

    [Fact]
    public async Task IdempotencyKey_SameKeyOtherCaller_IsIndependent()
    {
        var mine = new IdempotencyKeyScope(Home, "token:owner", "k");
        var theirs = mine with { Caller = "token:sitter" };
        await Commands.ClaimIdempotencyKeyAsync(mine, "h1", Now, Lease, default);
        Assert.Equal(IdempotencyClaimResult.Claimed, (await Commands.ClaimIdempotencyKeyAsync(theirs, "h2", Now, Lease, default)).Result);
    }

    [Fact]
    public async Task IdempotencyKeys_OlderThanTheirLifetime_AreForgotten()
    {
        var scope = new IdempotencyKeyScope(Home, "token:owner", "old");
        await Commands.ClaimIdempotencyKeyAsync(scope, "h1", Now, Lease, default);
        Assert.Equal(1, await Commands.ForgetIdempotencyKeysAsync(Now.AddHours(1), default));
    }

    [Fact]
    public async Task ExpireOverdue_OnlyQueuedCommandsPastTheCutoff()
    {
        var overdue = NewCommand(ttl: TimeSpan.FromSeconds(10));
        var delivered = NewCommand(ttl: TimeSpan.FromSeconds(10));
        var fresh = NewCommand(ttl: TimeSpan.FromMinutes(10));
        foreach (var c in new[] { overdue, delivered, fresh })
        {
            await Commands.CreateAsync(c, null, [], default);
        }

        await Apply(delivered.Id, CommandState.Delivered);

        var expired = await Commands.ExpireOverdueAsync(Now.AddSeconds(10), Now.AddSeconds(11), default);

        Assert.Equal([overdue.Id], expired.Select(c => c.Envelope.Id));
        Assert.Equal(CommandState.Expired, (await Commands.GetAsync(Home, overdue.Id, default))!.State);
        Assert.Equal(EventSource.Hub, (await Commands.GetAsync(Home, overdue.Id, default))!.StateSource);
        Assert.Equal(CommandState.Delivered, (await Commands.GetAsync(Home, delivered.Id, default))!.State);
        Assert.Equal(CommandState.Queued, (await Commands.GetAsync(Home, fresh.Id, default))!.State);
    }

    [Fact]
    public async Task OpenForGateway_OnlyItsDevicesUnfinishedAndUnexpired()
    {
        var queued = NewCommand();
        var executing = NewCommand();
        var done = NewCommand();
        var stale = NewCommand(ttl: TimeSpan.FromSeconds(1));
        var direct = NewCommand(device: "feeder");
        await Devices.UpsertDirectAsync(Home, "feeder", new DirectDeviceHello("Feeder", [Capability.Dispenser], null), Now, default);
        foreach (var c in new[] { queued, executing, done, stale, direct })
        {
            await Commands.CreateAsync(c, null, [], default);
        }

        await Apply(executing.Id, CommandState.Executing);
        await Apply(done.Id, CommandState.Succeeded, EventSource.Agent);

        var open = await Commands.ListOpenForGatewayAsync(Home, "home", Now.AddSeconds(5), default);

        Assert.Equal([queued.Id, executing.Id], open.Select(c => c.Id));
        Assert.Empty(await Commands.ListOpenForGatewayAsync(Home, "another-gateway", Now, default));
    }

    [Fact]
    public async Task TakeNextForDirectDevice_OldestFirstSkippingExpired_AndRedeliversWhatWasNotReported()
    {
        await Devices.UpsertDirectAsync(Home, "feeder", new DirectDeviceHello("Feeder", [Capability.Dispenser], null), Now, default);
        var expiredFirst = NewCommand(device: "feeder", ttl: TimeSpan.FromSeconds(1));
        var second = NewCommand(device: "feeder", issuedAt: Now.AddSeconds(1));
        var third = NewCommand(device: "feeder", issuedAt: Now.AddSeconds(2));
        foreach (var c in new[] { expiredFirst, second, third })
        {
            await Commands.CreateAsync(c, null, [], default);
        }

        var taken = await Commands.TakeNextForDirectDeviceAsync(Home, "feeder", Now.AddSeconds(5), default);
        Assert.Equal(second.Id, taken!.Envelope.Id);
        Assert.Equal(CommandState.Delivered, taken.State);

        // The device restarted before it reported: it gets the same command again, not the next one.
        Assert.Equal(second.Id, (await Commands.TakeNextForDirectDeviceAsync(Home, "feeder", Now.AddSeconds(6), default))!.Envelope.Id);

        await Apply(second.Id, CommandState.Succeeded, EventSource.Device);
        Assert.Equal(third.Id, (await Commands.TakeNextForDirectDeviceAsync(Home, "feeder", Now.AddSeconds(7), default))!.Envelope.Id);
    }

    [Fact]
    public async Task ListRecent_NewestFirst_ScopedToHouseholdAndDevice()
    {
        var first = NewCommand();
        var second = NewCommand(device: "speaker", issuedAt: Now.AddSeconds(1));
        await Commands.CreateAsync(first, null, [], default);
        await Commands.CreateAsync(second, null, [], default);

        Assert.Equal([second.Id, first.Id], (await Commands.ListRecentAsync(Home, null, 10, default)).Select(c => c.Envelope.Id));
        Assert.Equal([first.Id], (await Commands.ListRecentAsync(Home, "dispenser", 10, default)).Select(c => c.Envelope.Id));
        Assert.Empty(await Commands.ListRecentAsync(NextDoor, null, 10, default));
    }

    [Fact]
    public async Task HouseholdsWithDevices_ThoseAGatewayReportedOrADeviceGreeted()
    {
        Assert.Equal([Home], await Devices.HouseholdsWithDevicesAsync(default));

        await Devices.UpsertDirectAsync(NextDoor, "feeder", new DirectDeviceHello("Feeder", [Capability.Dispenser], null), Now, default);
        Assert.Equal([Home, NextDoor], (await Devices.HouseholdsWithDevicesAsync(default)).Order());
    }

    [Fact]
    public async Task GatewayReport_DevicesItNoLongerListsGoOffline()
    {
        await Devices.ApplyGatewayReportAsync(Home, "home", Report(("dispenser", true)), default);

        var devices = await Devices.ListAsync(Home, default);
        Assert.True(devices.Single(d => d.DeviceId == "dispenser").Online);
        Assert.False(devices.Single(d => d.DeviceId == "speaker").Online);
    }

    [Fact]
    public async Task GatewayReport_LockoutKeptUntilTheNextReportSaysOtherwise()
    {
        var until = Now.AddHours(6);
        await Devices.ApplyGatewayReportAsync(
            Home, "home", new([new DeviceReport("dispenser", "Pills", [Capability.Dispenser], true, Now, "1", until)], Now), default);
        Assert.Equal(until, (await Devices.GetAsync(Home, "dispenser", default))!.LockedUntil);

        await Devices.ApplyGatewayReportAsync(Home, "home", Report(("dispenser", true)), default);
        Assert.Null((await Devices.GetAsync(Home, "dispenser", default))!.LockedUntil);
    }

    [Fact]
    public async Task GatewayOffline_AllItsDevicesGoOffline()
    {
        await Devices.MarkGatewayDevicesOfflineAsync(Home, "home", default);
        Assert.All(await Devices.ListAsync(Home, default), d => Assert.False(d.Online));
    }

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static DevicePresenceReport Report(params (string Id, bool Online)[] devices) =>
        new([.. devices.Select(d => new DeviceReport(d.Id, d.Id, [d.Id == "speaker" ? Capability.Speaker : Capability.Dispenser], d.Online, Now, "1"))], Now);

    private static CommandEnvelope NewCommand(string device = "dispenser", TimeSpan? ttl = null, DateTimeOffset? issuedAt = null)
    {
        var at = issuedAt ?? Now;
        return new CommandEnvelope(
            Guid.CreateVersion7(at), Home, device, CommandKinds.Dispense, JsonElement.Parse("{\"portions\":1}"), "token:owner", at, at + (ttl ?? TimeSpan.FromMinutes(1)));
    }

    private async Task<TransitionResult> Apply(Guid id, CommandState state, EventSource source = EventSource.Gateway) =>
        (await Commands.ApplyAsync(Home, [new CommandStateReport(id, state, Now, source, null)], default))[0];

    [Fact]
    public async Task Apply_ABatch_DecidesEachInOrderInOneGo()
    {
        var command = NewCommand();
        await Commands.CreateAsync(command, null, [], default);

        var results = await Commands.ApplyAsync(
            Home,
            [
                new CommandStateReport(command.Id, CommandState.Delivered, Now, EventSource.Gateway, null),
                new CommandStateReport(command.Id, CommandState.Executing, Now, EventSource.Gateway, null),
                new CommandStateReport(command.Id, CommandState.Delivered, Now, EventSource.Gateway, null),
                new CommandStateReport(command.Id, CommandState.Succeeded, Now, EventSource.Agent, null),
            ],
            default);

        Assert.Equal(
            [TransitionDecision.Apply, TransitionDecision.Apply, TransitionDecision.Stale, TransitionDecision.Apply],
            results.Select(r => r.Decision));
        Assert.Equal(CommandState.Executing, results[3].Previous);
        Assert.Equal(4, (await Commands.GetAsync(Home, command.Id, default))!.Events.Count);
    }
}
