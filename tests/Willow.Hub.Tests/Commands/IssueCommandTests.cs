using System.Net;
using System.Net.Http.Json;
using Willow.Core.Commands;
using Willow.Testing;

namespace Willow.Hub.Tests.Commands;

public sealed class IssueCommandTests : HubTestBase
{
    [Fact]
    public async Task Issue_Dispense_Answers202WithTheQueuedCommandAndPushesItToTheGateway()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", "{\"kind\":\"dispense\",\"args\":{\"portions\":2},\"ttlSeconds\":120}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var command = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.CommandView))!;
        Assert.Equal(CommandState.Queued, command.State);
        Assert.Equal(7, command.Id.Version);
        Assert.Equal(TimeSpan.FromSeconds(120), command.ExpiresAt - command.IssuedAt);
        Assert.Equal(HubSeed.OwnerEmail, command.IssuedBy);
        Assert.Equal($"/api/v1/households/{Hub.HouseholdId}/devices/{Dispenser}/commands/{command.Id}", response.Headers.Location?.ToString());

        var pushed = await Gateway.NextIssuedAsync();
        Assert.Equal(command.Id, pushed.Id);
        Assert.Equal(2, pushed.Args.GetProperty("portions").GetInt32());
    }

    [Fact]
    public async Task Issue_DefaultTtl_IsSixtySeconds()
    {
        var command = await Hub.IssueAsync(Dispenser);
        Assert.Equal(TimeSpan.FromSeconds(60), command.ExpiresAt - command.IssuedAt);
    }

    [Fact]
    public async Task Reports_BuildTheTimeline()
    {
        var command = await Hub.IssueAsync(Dispenser);
        await Gateway.ReportAsync(command.Id, CommandState.Delivered);
        await Gateway.ReportAsync(command.Id, CommandState.Executing);
        await Gateway.ReportAsync(command.Id, CommandState.Executing);
        await Gateway.ReportAsync(command.Id, CommandState.Succeeded, EventSource.Agent, "Released 1 portion.");
        await Gateway.ReportAsync(command.Id, CommandState.Delivered);

        var view = await Hub.CommandAsync(command.Id);
        Assert.Equal(CommandState.Succeeded, view.State);
        Assert.Equal(
            [CommandState.Queued, CommandState.Delivered, CommandState.Executing, CommandState.Succeeded],
            view.Events.Select(e => e.State));
        Assert.Equal("Released 1 portion.", view.Events[^1].Detail);
        Assert.Equal(EventSource.Agent, view.Events[^1].Source);
    }

    [Theory]
    [InlineData("{\"kind\":\"dispense\"", "malformed JSON")]
    [InlineData("[]", "an array")]
    [InlineData("{\"kind\":\"dispense\",\"colour\":\"red\"}", "an unknown field")]
    [InlineData("{\"kind\":7}", "a number for kind")]
    [InlineData("{}", "no kind")]
    [InlineData("{\"kind\":\"jump\"}", "an unknown kind")]
    [InlineData("{\"kind\":\"dispense\",\"args\":{\"portions\":0}}", "zero portions")]
    [InlineData("{\"kind\":\"dispense\",\"args\":{\"portions\":\"1\"}}", "portions as a string")]
    [InlineData("{\"kind\":\"dispense\",\"args\":{\"portion\":1}}", "a misspelt argument")]
    [InlineData("{\"kind\":\"dispense\",\"ttlSeconds\":0}", "ttlSeconds 0")]
    [InlineData("{\"kind\":\"dispense\",\"ttlSeconds\":86401}", "ttlSeconds over a day")]
    [InlineData("{\"kind\":\"dispense\",\"ttlSeconds\":1.5}", "a fractional ttlSeconds")]
    [InlineData("{\"kind\":\"dispense\",\"idempotencyKey\":\"\"}", "an empty idempotency key")]
    [InlineData("{\"kind\":\"dispense\",\"lockoutOverride\":{}}", "an override without a reason")]
    [InlineData("{\"kind\":\"call\",\"lockoutOverride\":{\"reason\":\"because\"}}", "an override on a call")]
    [InlineData("{\"kind\":\"home\",\"doseId\":\"0193a0a0-0000-7000-8000-000000000001\"}", "a dose on a home")]
    [InlineData("{\"kind\":\"dispense\",\"doseId\":\"yesterday\"}", "a dose id that is not a uuid")]
    public async Task Issue_BadInput_Answers400ProblemAndStoresNothing(string json, string what)
    {
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", json);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await Hub.CommandsAsync());
    }

    [Fact]
    public async Task Issue_UnknownDevice_Answers404Problem()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync(Hub.DevicePath("cat-flap") + "/commands", "{\"kind\":\"dispense\"}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Device not found", await response.ProblemTitleAsync());
    }

    [Fact]
    public async Task Issue_KindTheDeviceCannotDo_Answers422Problem()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync(Hub.DevicePath(Speaker) + "/commands", "{\"kind\":\"dispense\"}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("The device cannot do that", await response.ProblemTitleAsync());
        Assert.Empty(await Hub.CommandsAsync());
    }

    [Fact]
    public async Task Issue_LockoutOverride_IsKeptWithWhoAndWhy()
    {
        var command = await Hub.IssueAsync(Dispenser, "{\"kind\":\"dispense\",\"lockoutOverride\":{\"reason\":\"the first pill fell behind the sofa\"}}");

        Assert.Equal("the first pill fell behind the sofa", command.LockoutOverride?.Reason);
        Assert.Equal(HubSeed.OwnerEmail, command.LockoutOverride?.By);
        Assert.Contains("overriding the lockout", command.Events[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCommand_UnknownId_Answers404Problem()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.GetAsync($"{Hub.DevicePath(Dispenser)}/commands/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Command not found", await response.ProblemTitleAsync());
    }

    [Fact]
    public async Task GetCommand_ThroughAnotherDevicesPath_Answers404()
    {
        var command = await Hub.IssueAsync(Dispenser);
        using var client = Hub.OwnerClient();
        using var response = await client.GetAsync($"{Hub.DevicePath(Speaker)}/commands/{command.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("many")]
    public async Task ListCommands_BadLimit_Answers400Problem(string limit)
    {
        using var client = Hub.OwnerClient();
        using var response = await client.GetAsync($"api/v1/households/{Hub.HouseholdId}/commands?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListDevices_ShowsWhatTheGatewayReported()
    {
        using var client = Hub.OwnerClient();
        var devices = (await client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/devices", HubJsonContext.Default.IReadOnlyListDeviceView))!;

        Assert.Equal([Speaker, Dispenser], devices.Select(d => d.Id));
        Assert.All(devices, d => Assert.True(d.Online));
        Assert.All(devices, d => Assert.Equal("home", d.GatewayId));
        Assert.Equal([Capability.Dispenser], devices.Single(d => d.Id == Dispenser).Capabilities);
    }
}
