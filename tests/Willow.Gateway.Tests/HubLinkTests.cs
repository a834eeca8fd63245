using System.Net.Http.Json;
using Willow.Core.Commands;
using Willow.Hub;
using Willow.Hub.Commands;
using Willow.Testing;

namespace Willow.Gateway.Tests;

/// <summary>A real hub, gateway and agents on loopback: the whole command path, and the link going down and up.</summary>
public sealed class HubLinkTests : IAsyncLifetime
{
    private TestHome _home = null!;

    private HubHost Hub => _home.Hub;

    public async ValueTask InitializeAsync() =>
        _home = await TestHome.StartAsync(new Dictionary<string, string?> { ["Dispenser:Dwell"] = "00:00:01", ["Dispenser:MinimumInterval"] = "02:00:00" });

    public async ValueTask DisposeAsync() => await _home.DisposeAsync();

    [Fact]
    public async Task Feed_GoesFromTheApiToTheServoAndItsOutcomeComesBack()
    {
        var issued = await IssueAsync(TestHome.Dispenser, "{\"kind\":\"dispense\"}");

        var done = await WaitFinalAsync(issued.Id);

        Assert.Equal(CommandState.Succeeded, done.State);
        Assert.Equal(
            [CommandState.Queued, CommandState.Delivered, CommandState.Executing, CommandState.Succeeded],
            done.Events.Select(e => e.State));
        Assert.Equal([EventSource.Hub, EventSource.Gateway, EventSource.Gateway, EventSource.Agent], done.Events.Select(e => e.Source));
        Assert.Equal(1, _home.Releases);
    }

    [Fact]
    public async Task Feed_TheHubListsTheDispenserLockedOutUntilTheAgentsIntervalHasPassed()
    {
        using var client = Hub.OwnerClient();
        var before = await client.GetFromJsonAsync(Hub.DevicePath(TestHome.Dispenser), HubJsonContext.Default.DeviceView);
        Assert.Null(before!.LockedUntil);

        var issued = await IssueAsync(TestHome.Dispenser, "{\"kind\":\"dispense\"}");
        var done = await WaitFinalAsync(issued.Id);
        var started = done.Events.Single(e => e.State == CommandState.Executing).At;

        // The gateway sends a fresh report when the command finishes; no presence round is needed.
        var after = await Eventually.WaitAsync(
            () => client.GetFromJsonAsync(Hub.DevicePath(TestHome.Dispenser), HubJsonContext.Default.DeviceView),
            d => d!.LockedUntil is not null,
            "the hub to hear of the lockout",
            TimeSpan.FromSeconds(5));
        Assert.InRange(after!.LockedUntil!.Value, started.AddHours(2).AddSeconds(-1), started.AddHours(2).AddSeconds(1));
    }

    [Fact]
    public async Task Call_PlaysTheSoundOnTheSpeaker()
    {
        var issued = await IssueAsync(TestHome.Speaker, "{\"kind\":\"call\",\"args\":{\"sound\":\"whistle\",\"repeat\":2}}");

        Assert.Equal(CommandState.Succeeded, (await WaitFinalAsync(issued.Id)).State);
        Assert.Equal(["whistle", "whistle"], _home.SpeakerAgent.Speaker.Plays.Select(p => p.Sound));
    }

    [Fact]
    public async Task HubRestarts_GatewayReconnectsByItself_AndRunsWhatWasIssuedMeanwhile()
    {
        await _home.RestartHubAsync(await _home.StopHubAsync());

        // Issued before the gateway is back: the push reaches nobody; the sync on reconnect hands it over.
        var issued = await IssueAsync(TestHome.Speaker, "{\"kind\":\"call\"}");

        Assert.Equal(CommandState.Succeeded, (await WaitFinalAsync(issued.Id, TimeSpan.FromSeconds(30))).State);
        Assert.Single(_home.SpeakerAgent.Speaker.Plays);
    }

    [Fact]
    public async Task OutcomeWhileTheHubIsDown_WaitsInTheOutboxAndReachesTheHubOnce()
    {
        var issued = await IssueAsync(TestHome.Dispenser, "{\"kind\":\"dispense\"}");
        await Eventually.WaitAsync(() => _home.Releases == 1, "the servo to start moving");
        var port = await _home.StopHubAsync();

        await Eventually.WaitAsync(() => _home.Gateway.Journal.Find(issued.Id)?.State == CommandState.Succeeded, "the dispense to finish at home");
        Assert.True(_home.Gateway.Journal.OutboxCount() > 0);

        await _home.RestartHubAsync(port);
        var done = await WaitFinalAsync(issued.Id, TimeSpan.FromSeconds(30));

        Assert.Equal(CommandState.Succeeded, done.State);
        Assert.Single(done.Events, e => e.State == CommandState.Succeeded);
        await Eventually.WaitAsync(() => _home.Gateway.Journal.OutboxCount() == 0, "the outbox to empty");
        Assert.Equal(1, _home.Releases);
    }

    [Fact]
    public async Task AgentStops_HubShowsItOfflineWithinAPresenceRound()
    {
        await _home.StopSpeakerAsync();
        using var client = Hub.OwnerClient();
        await Eventually.WaitAsync(
            () => client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/devices/{TestHome.Speaker}", HubJsonContext.Default.DeviceView),
            d => d is { Online: false },
            "the speaker to show offline");
    }

    [Fact]
    public async Task ACommandWhosePushWasLost_ReachesTheServoThroughThePeriodicSync()
    {
        await using var home = await TestHome.StartAsync(gatewaySettings: new Dictionary<string, string?> { ["Gateway:SyncInterval"] = "00:00:01" });

        // Stored as the API stores it, but never pushed: what a publish lost between hub nodes looks like to the home.
        var now = DateTimeOffset.UtcNow;
        var lost = new Core.Protocol.CommandEnvelope(
            Guid.CreateVersion7(), home.Hub.HouseholdId, TestHome.Dispenser, CommandKinds.Dispense,
            System.Text.Json.JsonElement.Parse("{\"portions\":1}"), "owner@willow.test", now, now.AddMinutes(1));
        await home.Hub.Service<ICommandStore>().CreateAsync(lost, null, [], default);

        using var client = home.Hub.OwnerClient();
        var done = await Eventually.WaitAsync(
            () => client.GetFromJsonAsync($"api/v1/households/{home.Hub.HouseholdId}/commands/{lost.Id}", HubJsonContext.Default.CommandView),
            c => c!.State.IsFinal(),
            "the lost command to be picked up and finish",
            TimeSpan.FromSeconds(30));
        Assert.Equal(CommandState.Succeeded, done!.State);
        Assert.Equal(1, home.Releases);
    }

    private async Task<CommandView> IssueAsync(string device, string json)
    {
        using var client = Hub.OwnerClient();
        using var response = await client.PostAsync(
            Hub.DevicePath(device) + "/commands", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.CommandView))!;
    }

    private async Task<CommandView> WaitFinalAsync(Guid id, TimeSpan? timeout = null)
    {
        using var client = Hub.OwnerClient();
        return (await Eventually.WaitAsync(
            () => client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/commands/{id}", HubJsonContext.Default.CommandView),
            c => c!.State.IsFinal(),
            $"command {id} to finish at the hub",
            timeout))!;
    }
}
