using System.Net;
using System.Net.Http.Json;
using Willow.Core.Commands;
using Willow.Testing;

namespace Willow.Hub.Tests.Commands;

public sealed class CancelCommandTests : HubTestBase
{
    [Fact]
    public async Task Cancel_QueuedCommand_BecomesCancelledAndTheGatewayIsTold()
    {
        await Gateway.DisposeAsync();
        var command = await Hub.IssueAsync(Dispenser);
        await using var gateway = await TestGateway.ConnectAsync(Hub);

        using var client = Hub.OwnerClient();
        using var response = await client.PostAsync($"{Hub.DevicePath(Dispenser)}/commands/{command.Id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.CommandView))!;
        Assert.Equal(CommandState.Cancelled, view.State);
        Assert.Contains(HubSeed.OwnerEmail, view.Events[^1].Detail, StringComparison.Ordinal);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.Equal(command.Id, await gateway.Cancelled.Reader.ReadAsync(wait.Token));
        Assert.Empty(await gateway.SyncAsync());
    }

    [Fact]
    public async Task Cancel_CommandTheHomeAlreadyTook_Answers409()
    {
        var command = await Hub.IssueAsync(Dispenser);
        await Gateway.ReportAsync(command.Id, CommandState.Delivered);

        using var client = Hub.OwnerClient();
        using var response = await client.PostAsync($"{Hub.DevicePath(Dispenser)}/commands/{command.Id}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Too late to cancel", await response.ProblemTitleAsync());
        Assert.Equal(CommandState.Delivered, (await Hub.CommandAsync(command.Id)).State);
    }
}
