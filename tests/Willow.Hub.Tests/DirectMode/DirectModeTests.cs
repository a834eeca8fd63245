using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Testing;

namespace Willow.Hub.Tests.DirectMode;

/// <summary>The original system's topology: a device with no gateway polls the hub for its next command.</summary>
public sealed class DirectModeTests : HubTestBase
{
    private const string Hello = "{\"name\":\"Kitchen feeder\",\"capabilities\":[\"dispenser\"],\"version\":\"test\"}";

    private HttpClient Device() => Hub.Client(Hub.Identity.DeviceToken);

    private async Task AnnounceAsync()
    {
        using var device = Device();
        using var response = await device.PutAsync("api/v1/device", new StringContent(Hello, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Announce_DeviceAppearsOnlineWithItsCapabilities()
    {
        await AnnounceAsync();
        using var client = Hub.OwnerClient();
        var device = await client.GetFromJsonAsync($"{Hub.DevicePath(HubHost.DirectDeviceId)}", HubJsonContext.Default.DeviceView);

        Assert.Equal("direct", device!.Link);
        Assert.True(device.Online);
        Assert.Equal([Capability.Dispenser], device.Capabilities);
    }

    [Fact]
    public async Task Next_NothingQueued_Answers204()
    {
        await AnnounceAsync();
        using var device = Device();
        using var response = await device.GetAsync("api/v1/device/commands/next?wait=0");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Next_QueuedCommand_IsHandedOverAndBecomesDelivered()
    {
        await AnnounceAsync();
        var command = await Hub.IssueAsync(HubHost.DirectDeviceId);
        using var device = Device();

        var next = await device.GetFromJsonAsync("api/v1/device/commands/next?wait=0", WillowJsonContext.Default.CommandEnvelope);

        Assert.Equal(command.Id, next!.Id);
        Assert.Equal(CommandState.Delivered, (await Hub.CommandAsync(command.Id)).State);
    }

    [Fact]
    public async Task LongPoll_WakesTheMomentACommandIsIssued()
    {
        await AnnounceAsync();
        using var device = Device();
        var watch = Stopwatch.StartNew();
        var poll = device.GetAsync("api/v1/device/commands/next?wait=30");
        await Task.Delay(300);
        Assert.False(poll.IsCompleted);

        var command = await Hub.IssueAsync(HubHost.DirectDeviceId);
        using var response = await poll;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(command.Id, (await response.Content.ReadFromJsonAsync(WillowJsonContext.Default.CommandEnvelope))!.Id);
    }

    [Fact]
    public async Task LongPoll_NothingArrives_Answers204AfterTheWait()
    {
        await AnnounceAsync();
        using var device = Device();
        var watch = Stopwatch.StartNew();
        using var response = await device.GetAsync("api/v1/device/commands/next?wait=1");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task DeliveredButNeverReported_IsHandedOutAgainAfterTheDeviceRestarts()
    {
        await AnnounceAsync();
        var command = await Hub.IssueAsync(HubHost.DirectDeviceId);
        using var device = Device();
        var first = await device.GetFromJsonAsync("api/v1/device/commands/next?wait=0", WillowJsonContext.Default.CommandEnvelope);
        var again = await device.GetFromJsonAsync("api/v1/device/commands/next?wait=0", WillowJsonContext.Default.CommandEnvelope);

        Assert.Equal(command.Id, first!.Id);
        Assert.Equal(command.Id, again!.Id);
    }

    [Fact]
    public async Task Events_RecordExecutingAndTheOutcome()
    {
        await AnnounceAsync();
        var command = await Hub.IssueAsync(HubHost.DirectDeviceId);
        using var device = Device();
        await device.GetAsync("api/v1/device/commands/next?wait=0");

        using var executing = await device.PostAsJsonAsync($"api/v1/device/commands/{command.Id}/events", new DirectCommandEvent(CommandState.Executing, null, null), WillowJsonContext.Default.DirectCommandEvent);
        using var done = await device.PostAsJsonAsync($"api/v1/device/commands/{command.Id}/events", new DirectCommandEvent(CommandState.Succeeded, null, "Released 1 portion."), WillowJsonContext.Default.DirectCommandEvent);
        using var contradiction = await device.PostAsJsonAsync($"api/v1/device/commands/{command.Id}/events", new DirectCommandEvent(CommandState.Failed, null, null), WillowJsonContext.Default.DirectCommandEvent);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, contradiction.StatusCode);
        var view = await Hub.CommandAsync(command.Id);
        Assert.Equal([CommandState.Queued, CommandState.Delivered, CommandState.Executing, CommandState.Succeeded], view.Events.Select(e => e.State));
        Assert.All(view.Events.Skip(2), e => Assert.Equal(EventSource.Device, e.Source));
    }

    [Fact]
    public async Task Events_ForAnotherDevicesCommand_Answer404()
    {
        await AnnounceAsync();
        var gatewayCommand = await Hub.IssueAsync(Dispenser);
        using var device = Device();
        using var response = await device.PostAsJsonAsync($"api/v1/device/commands/{gatewayCommand.Id}/events", new DirectCommandEvent(CommandState.Succeeded, null, null), WillowJsonContext.Default.DirectCommandEvent);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(CommandState.Queued, (await Hub.CommandAsync(gatewayCommand.Id)).State);
    }

    [Theory]
    [InlineData("wait=61")]
    [InlineData("wait=-1")]
    [InlineData("wait=soon")]
    public async Task Next_BadWait_Answers400Problem(string query)
    {
        await AnnounceAsync();
        using var device = Device();
        using var response = await device.GetAsync($"api/v1/device/commands/next?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Next_BeforeAnnouncing_Answers409Problem()
    {
        using var device = Device();
        using var response = await device.GetAsync("api/v1/device/commands/next?wait=0");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"\",\"capabilities\":[\"dispenser\"]}")]
    [InlineData("{\"name\":\"x\",\"capabilities\":[]}")]
    [InlineData("{\"name\":\"x\",\"capabilities\":[\"laser\"]}")]
    [InlineData("{\"name\":\"x\"")]
    public async Task Announce_BadInput_Answers400Problem(string json)
    {
        using var device = Device();
        using var response = await device.PutAsync("api/v1/device", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
