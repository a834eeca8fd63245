using System.Net;
using System.Text;
using System.Text.Json;
using Willow.Testing;

namespace Willow.System.Tests;

/// <summary>The original topology with real processes: <c>willow hub</c>, and <c>willow agent --hub</c> polling it.</summary>
public sealed class DirectModeSystemTests
{
    [Theory]
    [InlineData("long")]
    [InlineData("interval")]
    public async Task DirectAgent_PollsTheHubAndDispenses(string poll)
    {
        using var directory = new TempDirectory("direct");
        var hubUrl = $"http://127.0.0.1:{Ports.Free()}";
        await using var hub = await FreshHub.StartAsync(hubUrl, directory.Sub("hub"), "Europe/London");
        var deviceToken = await hub.DeviceTokenAsync("feeder");
        var household = hub.HouseholdId;
        await using var agent = WillowProcess.Start(
        [
            "agent", "--device-id", "feeder", "--capability", "dispenser", "--hub", hubUrl, "--token", deviceToken, "--poll", poll,
            "--data-dir", directory.Sub("agent"), "--urls", "http://127.0.0.1:0",
        ]);

        var client = hub.Client;
        await Eventually.WaitAsync(
            async () => (await client.GetAsync($"api/v1/households/{household}/devices/feeder")).StatusCode,
            status => status == HttpStatusCode.OK,
            "the direct agent to announce itself",
            TimeSpan.FromSeconds(60));

        using var issued = await client.PostAsync(
            $"api/v1/households/{household}/devices/feeder/commands",
            new StringContent("{\"kind\":\"dispense\"}", Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var final = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await client.GetStringAsync($"api/v1/households/{household}/commands/{id}")).RootElement.Clone(),
            c => c.GetProperty("state").GetString() is not ("queued" or "delivered" or "executing"),
            "the direct-mode dispense to finish",
            TimeSpan.FromSeconds(30));

        Assert.Equal("succeeded", final.GetProperty("state").GetString());
        Assert.Equal("device", final.GetProperty("events").EnumerateArray().Last().GetProperty("source").GetString());
    }
}
