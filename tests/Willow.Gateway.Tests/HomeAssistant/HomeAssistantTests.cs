using System.Text.Json;
using Willow.HomeAssistant;
using Willow.Testing;

namespace Willow.Gateway.Tests.HomeAssistant;

/// <summary>
/// The gateway in Home Assistant, against a real mosquitto broker: a test client stands where Home Assistant would,
/// reads the discovery messages, presses buttons, and watches what happens to the servo.
/// </summary>
public sealed class HomeAssistantTests
{
    private static readonly HomeTopics Topics = new("homeassistant", "willow");

    [Fact]
    public async Task Discovery_EveryMessageFollowsHomeAssistantsSchema_OneDevicePerWillowDevice()
    {
        var broker = await Mosquitto.SharedUrlAsync();
        await using var home = await TestHome.StartAsync(gatewaySettings: Mqtt(broker));
        await using var ha = await MqttWatcher.ConnectAsync(broker, "homeassistant/#", "willow/#");
        var key = HomeTopics.HouseholdKey(home.Hub.HouseholdId);

        await WaitForConfigsAsync(ha, key, 7);

        // What Home Assistant reads back after its own restart: retained, and each a valid message.
        await using var late = await MqttWatcher.ConnectAsync(broker, "homeassistant/#");
        var configs = await WaitForConfigsAsync(late, key, 7);
        Assert.All(configs, c => Assert.True(c.Retained, $"{c.Topic} is not retained"));
        Assert.Equal("", string.Join("\n", configs.SelectMany(c => HomeAssistantSchema.Problems(c.Topic, c.Payload))));
        var payloads = configs.Select(c => JsonDocument.Parse(c.Payload).RootElement).ToList();
        var uniqueIds = payloads.Select(p => p.GetProperty("unique_id").GetString()).ToList();
        Assert.Equal(uniqueIds.Count, uniqueIds.Distinct().Count());
        Assert.Contains($"willow_{key}_{TestHome.Dispenser}_treat", uniqueIds);
        Assert.Contains($"willow_{key}_{TestHome.Speaker}_call", uniqueIds);

        // One Home Assistant device per Willow device, each via the gateway, whose connectivity is the last will.
        var devices = payloads.GroupBy(p => p.GetProperty("device").GetProperty("identifiers")[0].GetString())
            .Where(d => d.Key != $"willow_{key}_gateway_gateway").ToList();
        Assert.Equal([$"willow_{key}_{TestHome.Speaker}", $"willow_{key}_{TestHome.Dispenser}"], devices.Select(d => d.Key).Order(StringComparer.Ordinal).ToList());
        var bridge = payloads.Single(p => p.GetProperty("unique_id").GetString() == $"willow_{key}_gateway_gateway_connectivity");
        Assert.All(devices.SelectMany(d => d), p => Assert.Equal($"willow_{key}_gateway_gateway", p.GetProperty("device").GetProperty("via_device").GetString()));
        var lastWill = bridge.GetProperty("state_topic").GetString()!;
        Assert.All(payloads, p => Assert.Contains(lastWill, p.TryGetProperty("availability", out var a) ? a.EnumerateArray().Select(e => e.GetProperty("topic").GetString()) : [lastWill]));
        Assert.Equal("online", (await ha.WaitForAsync(m => m.Topic == lastWill && m.Payload == "online", "the gateway online")).Payload);
        Assert.Equal("online", (await ha.WaitForAsync(m => m.Topic == Topics.DeviceAvailability(home.Hub.HouseholdId, TestHome.Dispenser) && m.Payload == "online", "the dispenser online")).Payload);
    }

    [Fact]
    public async Task Press_MovesServoOnce_SecondPressInsideLockoutRefusedAndReported_BothAudited()
    {
        var broker = await Mosquitto.SharedUrlAsync();
        await using var home = await TestHome.StartAsync(
            dispenserSettings: new Dictionary<string, string?> { ["Dispenser:MinimumInterval"] = "01:00:00" }, gatewaySettings: Mqtt(broker));
        await using var ha = await MqttWatcher.ConnectAsync(broker, "homeassistant/#", "willow/#");
        var household = home.Hub.HouseholdId;
        var config = await ha.WaitForAsync(m => m.Topic == Topics.Config("button", $"willow_{HomeTopics.HouseholdKey(household)}_{TestHome.Dispenser}_treat") && m.Payload.Length > 0, "the Treat button");
        var button = JsonDocument.Parse(config.Payload).RootElement;
        var press = button.GetProperty("command_topic").GetString()!;
        var outcomes = button.GetProperty("json_attributes_topic").GetString()!;

        await ha.PublishAsync(press, button.GetProperty("payload_press").GetString()!);
        var first = await ha.WaitForAsync(m => m.Topic == outcomes, "the first press's outcome", TimeSpan.FromSeconds(30));
        Assert.Equal("succeeded", Outcome(first).GetProperty("event_type").GetString());
        Assert.Equal(1, home.Releases);

        await ha.PublishAsync(press, "PRESS");
        var second = await ha.WaitForAsync(m => m.Topic == outcomes && m != first, "the second press's outcome", TimeSpan.FromSeconds(30));
        Assert.Equal("refused", Outcome(second).GetProperty("event_type").GetString());
        Assert.StartsWith("Locked out until", Outcome(second).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(second.Retained);
        Assert.Equal(1, home.Releases);

        // At the hub: two commands issued at home by Home Assistant, each in the audit log with the gateway that sent it.
        using var owner = home.Hub.OwnerClient();
        var audit = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await owner.GetStringAsync($"api/v1/households/{household}/audit")).RootElement.EnumerateArray()
                .Where(e => e.GetProperty("action").GetString() == "command.issued").ToList(),
            entries => entries.Count == 2,
            "both presses in the audit log");
        Assert.All(audit, e => Assert.Equal("Home Assistant via gateway gateway", e.GetProperty("actor").GetString()));
        Assert.All(audit, e => Assert.Equal($"gateway {HubHost.GatewayId}", e.GetProperty("via").GetString()));
    }

    [Fact]
    public async Task RetainedPress_IsNeverActedOn_AndIsClearedFromTheBroker()
    {
        var broker = await Mosquitto.SharedUrlAsync();
        await using var home = await TestHome.StartAsync(gatewaySettings: Mqtt(broker));
        await using var ha = await MqttWatcher.ConnectAsync(broker, "willow/#");
        var press = Topics.Press(home.Hub.HouseholdId, TestHome.Dispenser, HomeActions.Treat);
        await ha.WaitForAsync(m => m.Topic == Topics.DeviceAvailability(home.Hub.HouseholdId, TestHome.Dispenser) && m.Payload == "online", "the dispenser online");

        // A stored press, as a misconfigured client would leave it: the gateway would see it again on every reconnect.
        await using (var stray = await MqttWatcher.ConnectAsync(broker))
        {
            await stray.PublishAsync(press, "PRESS", retain: true);
        }

        await ha.WaitForAsync(m => m.Topic == press && m.Payload.Length == 0, "the retained press cleared by the gateway", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, home.Releases);
        Assert.Empty(home.Gateway.Journal.Unfinished());
    }

    [Fact]
    public async Task HomeAssistantOnline_DiscoveryIsSentAgain()
    {
        var broker = await Mosquitto.SharedUrlAsync();
        await using var home = await TestHome.StartAsync(gatewaySettings: Mqtt(broker));
        await using var ha = await MqttWatcher.ConnectAsync(broker, "homeassistant/#");
        var key = HomeTopics.HouseholdKey(home.Hub.HouseholdId);
        await WaitForConfigsAsync(ha, key, 7);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = Ours(ha, key).Count;

        await ha.PublishAsync("homeassistant/status", "online");

        // Every discovery message again, live (not replayed from the broker's store).
        await Eventually.WaitAsync(() => Ours(ha, key).Skip(before).Count(m => !m.Retained && m.Payload.Length > 0) >= 7, "discovery sent again");
    }

    [Fact]
    public async Task DeviceGone_ItsRetainedDiscoveryFromAnEarlierRunIsEmptied()
    {
        var broker = await Mosquitto.SharedUrlAsync();
        await using var home = await TestHome.StartAsync();
        var key = HomeTopics.HouseholdKey(home.Hub.HouseholdId);
        // What an earlier run left for a feeder that is no longer in this gateway's discovery.
        var gone = Topics.Config("button", $"willow_{key}_old-feeder_treat");
        await using var ha = await MqttWatcher.ConnectAsync(broker, "homeassistant/#");
        await ha.PublishAsync(gone, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = "Treat",
            ["unique_id"] = $"willow_{key}_old-feeder_treat",
            ["device"] = new Dictionary<string, object> { ["identifiers"] = new[] { $"willow_{key}_old-feeder" }, ["name"] = "Old feeder" },
            ["command_topic"] = $"willow/{key}/old-feeder/treat/press",
        }), retain: true);

        await using var gateway = await GatewayHost.StartAsync(home.Hub.Url, home.Identity.GatewayToken, home.HomeKeyText, Path.Combine(Path.GetTempPath(), $"willow-ha-{Guid.NewGuid():N}"),
            new Dictionary<string, string> { [TestHome.Dispenser] = home.DispenserAgent.Url }, Mqtt(broker));

        await ha.WaitForAsync(m => m.Topic == gone && m.Payload.Length == 0 && !m.Retained, "the gone feeder's discovery emptied", TimeSpan.FromSeconds(30));
        Assert.Contains(Ours(ha, key), m => m.Topic.Contains(TestHome.Dispenser, StringComparison.Ordinal) && m.Payload.Length > 0);
    }

    [Fact]
    public async Task BrokerKilledAndRestarted_GatewayReconnects_RepublishesDiscoveryAndAvailability()
    {
        await using var broker = await Mosquitto.StartAsync();
        await using var home = await TestHome.StartAsync(gatewaySettings: Mqtt(broker.Url));
        var key = HomeTopics.HouseholdKey(home.Hub.HouseholdId);
        await using (var before = await MqttWatcher.ConnectAsync(broker.Url, "homeassistant/#"))
        {
            await WaitForConfigsAsync(before, key, 7);
        }

        await broker.KillAsync();
        await broker.StartAgainAsync();

        // A fresh broker holds nothing; what a new subscriber finds retained there came from the gateway's reconnect.
        await using var after = await MqttWatcher.ConnectAsync(broker.Url, "homeassistant/#", "willow/#");
        var configs = await WaitForConfigsAsync(after, key, 7, TimeSpan.FromSeconds(60));
        Assert.Equal("", string.Join("\n", configs.SelectMany(c => HomeAssistantSchema.Problems(c.Topic, c.Payload))));
        await after.WaitForAsync(m => m.Topic == Topics.BridgeAvailability($"willow_{key}_gateway_gateway") && m.Payload == "online", "the gateway online again");
        await after.WaitForAsync(m => m.Topic == Topics.DeviceAvailability(home.Hub.HouseholdId, TestHome.Speaker) && m.Payload == "online", "the speaker online again");

        // And presses work again.
        await after.PublishAsync(Topics.Press(home.Hub.HouseholdId, TestHome.Dispenser, HomeActions.Treat), "PRESS");
        await Eventually.WaitAsync(() => home.Releases == 1, "the servo to move for the press after the reconnect", TimeSpan.FromSeconds(30));
    }

    private static Dictionary<string, string?> Mqtt(string broker) => new()
    {
        ["Mqtt:Broker"] = broker,
        ["Mqtt:RefreshInterval"] = "00:00:01",
        ["Mqtt:ReconnectInitialDelay"] = "00:00:00.200",
        ["Mqtt:ReconnectMaximumDelay"] = "00:00:01",
    };

    private static JsonElement Outcome(MqttWatcher.Received message) => JsonDocument.Parse(message.Payload).RootElement;

    /// <summary>This test's household's discovery messages (the broker is shared with other tests).</summary>
    private static List<MqttWatcher.Received> Ours(MqttWatcher watcher, string householdKey) =>
        [.. watcher.Messages.Where(m => m.Topic.EndsWith("/config", StringComparison.Ordinal) && m.Topic.Contains($"willow_{householdKey}_", StringComparison.Ordinal))];

    /// <summary>
    /// Waits for at least <paramref name="count"/> of this household's entities (the dispenser's treat button, its
    /// outcome and connectivity; the speaker's call, its outcome and connectivity; the gateway's connectivity).
    /// </summary>
    private static async Task<List<MqttWatcher.Received>> WaitForConfigsAsync(MqttWatcher watcher, string householdKey, int count, TimeSpan? timeout = null)
    {
        await Eventually.WaitAsync(
            () => watcher.Latest.Values.Count(m => m.Topic.EndsWith("/config", StringComparison.Ordinal) && m.Topic.Contains($"willow_{householdKey}_", StringComparison.Ordinal) && m.Payload.Length > 0) >= count,
            $"{count} discovery messages of household {householdKey}",
            timeout ?? TimeSpan.FromSeconds(30));
        return [.. watcher.Latest.Values.Where(m => m.Topic.EndsWith("/config", StringComparison.Ordinal) && m.Topic.Contains($"willow_{householdKey}_", StringComparison.Ordinal) && m.Payload.Length > 0)];
    }
}
