using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Willow.Core.Security;
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
        var household = Guid.NewGuid();
        var apiToken = Secrets.NewToken("wlw");
        var deviceToken = Secrets.NewToken("wdv");
        var hubUrl = $"http://127.0.0.1:{Ports.Free()}";
        var config = directory.File("hub.json");
        await File.WriteAllTextAsync(config, new JsonObject
        {
            ["Bootstrap"] = new JsonObject
            {
                ["Households"] = new JsonArray(new JsonObject { ["Id"] = household.ToString(), ["Name"] = "Flat", ["TimeZone"] = "Europe/London" }),
                ["ApiTokens"] = new JsonArray(new JsonObject { ["Name"] = "me", ["Token"] = apiToken, ["Households"] = new JsonArray(household.ToString()) }),
                ["DeviceTokens"] = new JsonArray(new JsonObject { ["DeviceId"] = "feeder", ["Household"] = household.ToString(), ["Token"] = deviceToken }),
            },
        }.ToJsonString());

        await using var hub = WillowProcess.Start(["hub", "--config", config, "--urls", hubUrl, "--data-dir", directory.Sub("hub")]);
        await hub.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));
        await using var agent = WillowProcess.Start(
        [
            "agent", "--device-id", "feeder", "--capability", "dispenser", "--hub", hubUrl, "--token", deviceToken, "--poll", poll,
            "--data-dir", directory.Sub("agent"), "--urls", "http://127.0.0.1:0",
        ]);

        using var client = new HttpClient { BaseAddress = new Uri(hubUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
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
