using System.Net.Http.Json;
using Willow.Core.Commands;
using Willow.Core.Security;
using Willow.Hub;
using Willow.Hub.Commands;
using Willow.Testing;

namespace Willow.Gateway.Tests;

/// <summary>A real hub, gateway and agents on loopback: the whole command path, and the link going down and up.</summary>
public sealed class HubLinkTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("hub-link");
    private readonly string _homeKey = HomeKey.Generate();
    private HubIdentity _identity = null!;
    private HubHost? _hub;
    private AgentHost _dispenser = null!;
    private AgentHost _speaker = null!;
    private GatewayHost _gateway = null!;

    private HubHost Hub => _hub!;

    public async ValueTask InitializeAsync()
    {
        _identity = HubHost.NewIdentity(_directory.Sub("hub"));
        _hub = await HubHost.StartAsync(_identity);
        _dispenser = await AgentHost.StartAsync(_directory.Sub("dispenser"), "treat-dispenser", Capability.Dispenser, _homeKey,
            new Dictionary<string, string?> { ["Dispenser:Dwell"] = "00:00:01" });
        _speaker = await AgentHost.StartAsync(_directory.Sub("speaker"), "speaker", Capability.Speaker, _homeKey);
        _gateway = await GatewayHost.StartAsync(Hub.Url, _identity.GatewayToken, _homeKey, _directory.Sub("gateway"),
            new Dictionary<string, string> { ["treat-dispenser"] = _dispenser.Url, ["speaker"] = _speaker.Url });
        await WaitDevicesOnlineAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _dispenser.DisposeAsync();
        await _speaker.DisposeAsync();
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task Feed_GoesFromTheApiToTheServoAndItsOutcomeComesBack()
    {
        var issued = await IssueAsync("treat-dispenser", "{\"kind\":\"dispense\"}");

        var done = await WaitFinalAsync(issued.Id);

        Assert.Equal(CommandState.Succeeded, done.State);
        Assert.Equal(
            [CommandState.Queued, CommandState.Delivered, CommandState.Executing, CommandState.Succeeded],
            done.Events.Select(e => e.State));
        Assert.Equal([EventSource.Hub, EventSource.Gateway, EventSource.Gateway, EventSource.Agent], done.Events.Select(e => e.Source));
        Assert.Equal(1, _dispenser.Servo.Movements.Count(m => m.ToDegrees == 90));
    }

    [Fact]
    public async Task Call_PlaysTheSoundOnTheSpeaker()
    {
        var issued = await IssueAsync("speaker", "{\"kind\":\"call\",\"args\":{\"sound\":\"whistle\",\"repeat\":2}}");

        Assert.Equal(CommandState.Succeeded, (await WaitFinalAsync(issued.Id)).State);
        Assert.Equal(["whistle", "whistle"], _speaker.Speaker.Plays.Select(p => p.Sound));
    }

    [Fact]
    public async Task HubRestarts_GatewayReconnectsByItself_AndRunsWhatWasIssuedMeanwhile()
    {
        var port = Hub.Port;
        await Hub.DisposeAsync();
        _hub = await HubHost.StartAsync(_identity, url: $"http://127.0.0.1:{port}");

        // Issued before the gateway is back: the push reaches nobody; the sync on reconnect hands it over.
        var issued = await IssueAsync("speaker", "{\"kind\":\"call\"}");

        Assert.Equal(CommandState.Succeeded, (await WaitFinalAsync(issued.Id, TimeSpan.FromSeconds(30))).State);
        Assert.Single(_speaker.Speaker.Plays);
    }

    [Fact]
    public async Task OutcomeWhileTheHubIsDown_WaitsInTheOutboxAndReachesTheHubOnce()
    {
        var issued = await IssueAsync("treat-dispenser", "{\"kind\":\"dispense\"}");
        await Eventually.WaitAsync(() => _dispenser.Servo.Movements.Count == 1, "the servo to start moving");
        var port = Hub.Port;
        await Hub.DisposeAsync();
        _hub = null;

        await Eventually.WaitAsync(() => _gateway.Journal.Find(issued.Id)?.State == CommandState.Succeeded, "the dispense to finish at home");
        Assert.True(_gateway.Journal.OutboxCount() > 0);

        _hub = await HubHost.StartAsync(_identity, url: $"http://127.0.0.1:{port}");
        var done = await WaitFinalAsync(issued.Id, TimeSpan.FromSeconds(30));

        Assert.Equal(CommandState.Succeeded, done.State);
        Assert.Single(done.Events, e => e.State == CommandState.Succeeded);
        await Eventually.WaitAsync(() => _gateway.Journal.OutboxCount() == 0, "the outbox to empty");
        Assert.Equal(1, _dispenser.Servo.Movements.Count(m => m.ToDegrees == 90));
    }

    [Fact]
    public async Task AgentStops_HubShowsItOfflineWithinAPresenceRound()
    {
        await _speaker.DisposeAsync();
        using var client = Hub.OwnerClient();
        await Eventually.WaitAsync(
            () => client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/devices/speaker", HubJsonContext.Default.DeviceView),
            d => d is { Online: false },
            "the speaker to show offline");
        _speaker = await AgentHost.StartAsync(_directory.Sub("speaker2"), "speaker", Capability.Speaker, _homeKey);
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

    private async Task WaitDevicesOnlineAsync()
    {
        using var client = Hub.OwnerClient();
        await Eventually.WaitAsync(
            () => client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/devices", HubJsonContext.Default.IReadOnlyListDeviceView),
            devices => devices!.Count == 2 && devices.All(d => d.Online),
            "both devices online at the hub");
    }
}
