using System.Net.Http.Json;
using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Hub.Tests.Gateways;

/// <summary>The hub side of the gateway WebSocket: push, sync, presence, and reports that arrive late.</summary>
public sealed class GatewayLinkTests : HubTestBase
{
    [Fact]
    public async Task CommandsIssuedWhileTheGatewayIsAway_AreHandedOverBySyncOnReconnect()
    {
        await Gateway.DisposeAsync();
        var whileAway = await Hub.IssueAsync(Dispenser);

        await using var back = await TestGateway.ConnectAsync(Hub);
        var open = await back.SyncAsync();

        Assert.Equal([whileAway.Id], open.Select(c => c.Id));
    }

    [Fact]
    public async Task Sync_LeavesOutFinishedAndExpiredCommands()
    {
        var done = await Hub.IssueAsync(Dispenser);
        await Gateway.ReportAsync(done.Id, CommandState.Succeeded, EventSource.Agent);
        var executing = await Hub.IssueAsync(Dispenser);
        await Gateway.ReportAsync(executing.Id, CommandState.Executing);
        var shortLived = await Hub.IssueAsync(Speaker, "{\"kind\":\"call\",\"ttlSeconds\":1}");
        await Task.Delay(1200);

        var open = await Gateway.SyncAsync();

        Assert.Equal([executing.Id], open.Select(c => c.Id));
        Assert.NotEqual(shortLived.Id, open.Single().Id);
    }

    [Fact]
    public async Task GatewayDisconnects_ItsDevicesShowOffline()
    {
        await Gateway.DisposeAsync();
        using var client = Hub.OwnerClient();
        await Willow.Testing.Eventually.WaitAsync(
            () => client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/devices", HubJsonContext.Default.IReadOnlyListDeviceView),
            devices => devices!.All(d => !d.Online),
            "devices to go offline");

        var gateways = await client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/gateways", HubJsonContext.Default.IReadOnlyListGatewayView);
        Assert.False(Assert.Single(gateways!).Connected);
    }

    [Fact]
    public async Task AgentUnreachable_ReportedOffline()
    {
        await Gateway.ReportDevicesAsync((Dispenser, Capability.Dispenser, false), (Speaker, Capability.Speaker, true));
        using var client = Hub.OwnerClient();
        var devices = (await client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/devices", HubJsonContext.Default.IReadOnlyListDeviceView))!;

        Assert.False(devices.Single(d => d.Id == Dispenser).Online);
        Assert.True(devices.Single(d => d.Id == Speaker).Online);
    }

    [Fact]
    public async Task DispenserInItsLockout_ListedWithItsEnd_AndNotOnceItHasPassed()
    {
        var until = DateTimeOffset.UtcNow.AddHours(6);
        await Gateway.ReportDevicesAsync(
            new DeviceReport(Dispenser, Dispenser, [Capability.Dispenser], true, DateTimeOffset.UtcNow, "test", until),
            new DeviceReport(Speaker, Speaker, [Capability.Speaker], true, DateTimeOffset.UtcNow, "test", DateTimeOffset.UtcNow.AddSeconds(-1)));
        using var client = Hub.OwnerClient();
        var devices = (await client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/devices", HubJsonContext.Default.IReadOnlyListDeviceView))!;

        Assert.Equal(until.ToUnixTimeMilliseconds(), devices.Single(d => d.Id == Dispenser).LockedUntil?.ToUnixTimeMilliseconds());
        Assert.Null(devices.Single(d => d.Id == Speaker).LockedUntil);
    }

    [Fact]
    public async Task QueuedCommandPastItsExpiry_IsExpiredByTheHub()
    {
        await Gateway.DisposeAsync();
        var command = await Hub.IssueAsync(Dispenser, "{\"kind\":\"dispense\",\"ttlSeconds\":1}");

        var view = await Willow.Testing.Eventually.WaitAsync(() => Hub.CommandAsync(command.Id), c => c.State.IsFinal(), "the hub to expire the command");

        Assert.Equal(CommandState.Expired, view.State);
        Assert.Equal(EventSource.Hub, view.Events[^1].Source);
    }

    [Fact]
    public async Task HomeReportsItActedAfterTheHubExpiredIt_WhatHappenedWinsAndBothAreRecorded()
    {
        var command = await Hub.IssueAsync(Dispenser, "{\"kind\":\"dispense\",\"ttlSeconds\":1}");
        await Willow.Testing.Eventually.WaitAsync(() => Hub.CommandAsync(command.Id), c => c.State == CommandState.Expired, "the hub to expire the command");

        await Gateway.ReportAsync(command.Id, CommandState.Succeeded, EventSource.Agent, "Released 1 portion.");

        var view = await Hub.CommandAsync(command.Id);
        Assert.Equal(CommandState.Succeeded, view.State);
        Assert.Equal([CommandState.Queued, CommandState.Expired, CommandState.Succeeded], view.Events.Select(e => e.State));
        Assert.Contains("had marked it expired", view.Events[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportForACommandOfAnotherHousehold_ChangesNothing()
    {
        var command = await Hub.IssueAsync(Dispenser);
        await using var neighbour = await TestGateway.ConnectAsync(Hub);
        Assert.Equal(1, await neighbour.ReportAsync(Guid.NewGuid(), CommandState.Succeeded));
        Assert.Equal(CommandState.Queued, (await Hub.CommandAsync(command.Id)).State);
    }

    [Fact]
    public async Task GatewayCannotSpeakForTheHub()
    {
        var command = await Hub.IssueAsync(Dispenser);
        await Gateway.ReportAsync(command.Id, CommandState.Cancelled, EventSource.Hub);

        var view = await Hub.CommandAsync(command.Id);
        Assert.Equal(EventSource.Gateway, view.Events[^1].Source);
    }
}
