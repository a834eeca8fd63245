using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Willow.Core.Commands;
using Willow.Hub.Commands;
using Willow.Hub.Live;

namespace Willow.Hub.Tests.Live;

/// <summary>The dashboard's live feed: a member watching a household hears every state of a command as it happens; nobody else does.</summary>
public sealed class LiveHubTests : HubTestBase
{
    [Fact]
    public async Task Member_HearsTheCommandMoveThroughEveryState()
    {
        var (connection, heard) = await ConnectAsync(Hub.Identity.ApiToken);
        await using var owned = connection;
        await connection.InvokeAsync(nameof(LiveHub.Watch), Hub.HouseholdId);

        var issued = await Hub.IssueAsync(Dispenser);
        await Gateway.ReportAsync(issued.Id, CommandState.Delivered);
        await Gateway.ReportAsync(issued.Id, CommandState.Executing);
        await Gateway.ReportAsync(issued.Id, CommandState.Succeeded, EventSource.Agent, "Released 1 portion.");

        var states = new List<CommandState>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!states.Contains(CommandState.Succeeded))
        {
            var view = await heard.Reader.ReadAsync(timeout.Token);
            Assert.Equal(issued.Id, view.Id);
            states.Add(view.State);
        }

        Assert.Equal([CommandState.Queued, CommandState.Delivered, CommandState.Executing, CommandState.Succeeded], states);
    }

    [Fact]
    public async Task ADispenseThatSucceeds_AlsoSaysTheDevicesChanged_ForTheCountLeftInTheDispenser()
    {
        var connection = SignalRClients.Build(Hub.Url + LiveHub.Path, Hub.Identity.ApiToken);
        await using var owned = connection;
        var devicesChanged = Channel.CreateUnbounded<Guid>();
        connection.On<Guid>(nameof(ILiveClient.DevicesChanged), household => devicesChanged.Writer.TryWrite(household));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(LiveHub.Watch), Hub.HouseholdId);

        var issued = await Hub.IssueAsync(Dispenser);
        await Gateway.ReportAsync(issued.Id, CommandState.Executing);
        await Task.Delay(300);
        Assert.False(devicesChanged.Reader.TryRead(out _));

        await Gateway.ReportAsync(issued.Id, CommandState.Succeeded, EventSource.Agent, "Released 1 portion.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.Equal(Hub.HouseholdId, await devicesChanged.Reader.ReadAsync(timeout.Token));
    }

    [Fact]
    public async Task Neighbour_CannotWatchOurHousehold_AndHearsNothing()
    {
        var (connection, heard) = await ConnectAsync(Hub.Identity.OtherApiToken);
        await using var owned = connection;
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(LiveHub.Watch), Hub.HouseholdId));
        Assert.Contains("Household not found", refused.Message, StringComparison.Ordinal);

        await Hub.IssueAsync(Dispenser);
        await Task.Delay(300);
        Assert.False(heard.Reader.TryRead(out _));
    }

    [Fact]
    public async Task RemovedMember_StopsHearingAtOnce_WithoutReconnecting()
    {
        var sitter = await Hub.AddPersonAsync(Willow.Hub.Households.HouseholdRole.Caregiver);
        var (connection, heard) = await ConnectAsync(sitter.Token);
        await using var owned = connection;
        await connection.InvokeAsync(nameof(LiveHub.Watch), Hub.HouseholdId);
        await Hub.IssueAsync(Dispenser);
        using (var first = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await heard.Reader.ReadAsync(first.Token);
        }

        using var owner = Hub.OwnerClient();
        using var removed = await owner.DeleteAsync($"api/v1/households/{Hub.HouseholdId}/members/{sitter.UserId}");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, removed.StatusCode);
        var later = await Hub.IssueAsync(Dispenser);

        await Task.Delay(500);
        while (heard.Reader.TryRead(out var view))
        {
            Assert.NotEqual(later.Id, view.Id);
        }

        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task WithoutCredentials_TheConnectionIsRefused()
    {
        await using var connection = Build(null, out var heard);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        Assert.False(heard.Reader.TryRead(out _));
    }

    private async Task<(HubConnection Connection, Channel<CommandView> Heard)> ConnectAsync(string token)
    {
        var connection = Build(token, out var heard);
        await connection.StartAsync();
        return (connection, heard);
    }

    private HubConnection Build(string? token, out Channel<CommandView> heard)
    {
        var channel = Channel.CreateUnbounded<CommandView>();
        var connection = SignalRClients.Build(Hub.Url + LiveHub.Path, token);
        connection.On<CommandView>(nameof(ILiveClient.CommandChanged), view => channel.Writer.TryWrite(view));
        heard = channel;
        return connection;
    }
}
