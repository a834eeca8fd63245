using System.Text;
using System.Text.Json;
using Willow.HomeAssistant;
using Willow.Testing;

namespace Willow.Gateway.Tests.HomeAssistant;

/// <summary>
/// Home Assistant through the hub (<c>willow hub --mqtt</c>) instead of the gateway, against a real mosquitto broker:
/// the hub publishes the households it serves, and a press goes through the hub's own command path.
/// </summary>
public sealed class HubHomeAssistantTests
{
    private static readonly HomeTopics Topics = new("homeassistant", "willow");

    [Fact]
    public async Task HubPublishesAHouseholdOnceItHasARegimen_APressDispensesOnceThroughTheHub_Audited()
    {
        var broker = await Mosquitto.SharedUrlAsync();
        // Its own client id: the broker is shared, and two clients with one id would push each other off.
        var bridge = $"willow_hub_{Guid.NewGuid():N}"[..24];
        await using var home = await TestHome.StartAsync(hubSettings: new Dictionary<string, string?>
        {
            ["Mqtt:Broker"] = broker,
            ["Mqtt:ClientId"] = bridge,
            ["Mqtt:RefreshInterval"] = "00:00:01",
        });
        await using var ha = await MqttWatcher.ConnectAsync(broker, "homeassistant/#", "willow/#");
        var household = home.Hub.HouseholdId;
        var key = HomeTopics.HouseholdKey(household);

        // A hub serving one family publishes every household with a regimen.
        using var owner = home.Hub.OwnerClient();
        using var pet = await owner.PostAsync($"api/v1/households/{household}/pets", Json("{\"name\":\"Willow\"}"));
        var petId = JsonDocument.Parse(await pet.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var regimen = await owner.PostAsync($"api/v1/households/{household}/regimens", Json($$"""
            {"petId":"{{petId}}","medication":"clomipramine","amount":"1 tablet","schedule":{"kind":"every","every":"08:00:00"},
             "startsAt":"{{DateTime.UtcNow.AddDays(1):yyyy-MM-dd}}T07:00","windowBefore":"00:45:00","windowAfter":"00:45:00",
             "minimumInterval":"06:00:00","deviceId":"{{TestHome.Dispenser}}"}
            """));
        regimen.EnsureSuccessStatusCode();

        var feed = await ha.WaitForAsync(
            m => m.Topic == Topics.Config("button", $"willow_{key}_{TestHome.Dispenser}_feed") && m.Payload.Length > 0, "the dispenser's Feed button", TimeSpan.FromSeconds(30));
        var configs = ha.Latest.Values.Where(m => m.Topic.EndsWith("/config", StringComparison.Ordinal) && m.Payload.Length > 0
            && (m.Topic.Contains($"willow_{key}_", StringComparison.Ordinal) || m.Topic.Contains(bridge, StringComparison.Ordinal))).ToList();
        Assert.Equal("", string.Join("\n", configs.SelectMany(c => HomeAssistantSchema.Problems(c.Topic, c.Payload))));
        // The hub is the bridge every device hangs from, and its last will is in every entity's availability.
        var button = JsonDocument.Parse(feed.Payload).RootElement;
        Assert.Equal(bridge, button.GetProperty("device").GetProperty("via_device").GetString());
        Assert.Contains(Topics.BridgeAvailability(bridge), button.GetProperty("availability").EnumerateArray().Select(a => a.GetProperty("topic").GetString()));

        // A press: the same path as a person's feed, so the servo moves once and the outcome comes back.
        await ha.PublishAsync(button.GetProperty("command_topic").GetString()!, button.GetProperty("payload_press").GetString()!);
        var outcomes = button.GetProperty("json_attributes_topic").GetString()!;
        var outcome = await ha.WaitForAsync(m => m.Topic == outcomes, "the press's outcome", TimeSpan.FromSeconds(30));
        Assert.True(JsonDocument.Parse(outcome.Payload).RootElement.GetProperty("event_type").GetString() == "succeeded", outcome.Payload);
        Assert.False(outcome.Retained);
        Assert.Equal(1, home.Releases);

        var audit = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await owner.GetStringAsync($"api/v1/households/{household}/audit")).RootElement.EnumerateArray()
                .Where(e => e.GetProperty("action").GetString() == "command.issued").ToList(),
            entries => entries.Count == 1,
            "the press in the audit log");
        Assert.Equal("Home Assistant via the hub", audit[0].GetProperty("actor").GetString());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
