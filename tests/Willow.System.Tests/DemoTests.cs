using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Willow.Testing;

namespace Willow.System.Tests;

/// <summary>The demo as a newcomer runs it: real processes, a feed through the API and through the CLI.</summary>
public sealed class DemoTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task FeedThroughTheApi_ReachesTheServoAndSucceeds()
    {
        var before = demo.Releases();
        var id = await IssueDispenseAsync();

        var final = await WaitFinalAsync(id);

        Assert.Equal("succeeded", final.GetProperty("state").GetString());
        Assert.Equal(["queued", "delivered", "executing", "succeeded"], States(final));
        Assert.Equal(before + 1, demo.Releases());
    }

    [Fact]
    public async Task FeedThroughTheCli_Succeeds()
    {
        var before = demo.Releases();
        var (code, output) = await WillowProcess.RunAsync("feed", "--device", "treat-dispenser", "--profile", demo.Profile);

        Assert.True(code == 0, output);
        Assert.Contains("succeeded", output, StringComparison.Ordinal);
        Assert.Equal(before + 1, demo.Releases());
    }

    [Fact]
    public async Task TheHub_ServesTheDashboard_AndItsPagesFallBackToIt()
    {
        using var client = new HttpClient { BaseAddress = new Uri(demo.HubUrl + "/") };
        using var home = await client.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("<title>Willow</title>", html, StringComparison.Ordinal);

        // A page path reloaded in the browser gets the same page; a missing asset and an unknown API path do not.
        Assert.Equal(html, await client.GetStringAsync("doses"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("assets/nothing.js")).StatusCode);
        using var api = await client.GetAsync("api/v1/nothing");
        Assert.False(api.IsSuccessStatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("manifest.webmanifest")).StatusCode);
    }

    [Fact]
    public async Task TheFeedingStation_SendsReadings_AndASnapshotBecomesAPhotoAtTheHub()
    {
        using var client = demo.Client();
        client.BaseAddress = new Uri($"{demo.HubUrl}/api/v1/households/{demo.HouseholdId}/");
        var readings = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await client.GetStringAsync("readings/latest")).RootElement,
            latest => latest.GetArrayLength() >= 3,
            "the feeding station's first readings (room, humidity, bowl)",
            TimeSpan.FromSeconds(60));
        Assert.Contains(readings.EnumerateArray(), r => r.GetProperty("metric").GetString() == "bowl_weight" && r.GetProperty("unit").GetString() == "g");

        using var issued = await client.PostAsync("devices/feeding-station/commands", new StringContent("{\"kind\":\"snapshot\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, issued.StatusCode);
        var id = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var photos = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await client.GetStringAsync("photos?device=feeding-station")).RootElement,
            list => list.EnumerateArray().Any(p => p.GetProperty("id").GetString() == id),
            "the snapshot's photo at the hub",
            TimeSpan.FromSeconds(30));
        var photo = photos.EnumerateArray().First(p => p.GetProperty("id").GetString() == id);
        Assert.Equal((640, 480), (photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()));
    }

    [Fact]
    public async Task Status_ListsBothDevicesOnline()
    {
        var (code, output) = await WillowProcess.RunAsync("status", "--profile", demo.Profile);

        Assert.True(code == 0, output);
        Assert.Matches(@"treat-dispenser\s.*\sonline", output);
        Assert.Matches(@"speaker\s.*\sonline", output);
    }

    [Fact]
    public async Task AgentKilledMidDispense_ServoMovedExactlyOnce_AndTheCommandEndsUncertainOrSucceeded()
    {
        var pidFile = demo.PidFile("treat-dispenser");
        var agentPid = int.Parse(await File.ReadAllTextAsync(pidFile), CultureInfo.InvariantCulture);
        var before = demo.Releases();

        var id = await IssueDispenseAsync();
        await Eventually.WaitAsync(() => demo.Releases() == before + 1, "the servo to swing to its release angle");
        WillowProcess.SendSignal(agentPid, "KILL");

        // The demo restarts the agent; the gateway asks it again; its journal answers.
        await Eventually.WaitAsync(
            () => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() != agentPid.ToString(CultureInfo.InvariantCulture),
            "the demo to restart the agent",
            TimeSpan.FromSeconds(30));
        var final = await WaitFinalAsync(id, TimeSpan.FromSeconds(60));

        Assert.False(WillowProcess.IsAlive(agentPid));
        Assert.Contains(final.GetProperty("state").GetString(), new[] { "uncertain", "succeeded" });
        Assert.Equal(before + 1, demo.Releases());

        // And it stays that way: nothing re-runs it later.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(before + 1, demo.Releases());
        Assert.Equal(final.GetProperty("state").GetString(), (await GetAsync(id)).GetProperty("state").GetString());
    }

    private async Task<string> IssueDispenseAsync()
    {
        using var client = demo.Client();
        using var response = await client.PostAsync(
            $"api/v1/households/{demo.HouseholdId}/devices/treat-dispenser/commands",
            new StringContent("{\"kind\":\"dispense\",\"args\":{\"portions\":1}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> GetAsync(string id)
    {
        using var client = demo.Client();
        return JsonDocument.Parse(await client.GetStringAsync($"api/v1/households/{demo.HouseholdId}/commands/{id}")).RootElement.Clone();
    }

    private Task<JsonElement> WaitFinalAsync(string id, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(
            () => GetAsync(id),
            c => c.GetProperty("state").GetString() is "succeeded" or "failed" or "refused" or "expired" or "uncertain" or "cancelled",
            $"command {id} to finish",
            timeout ?? TimeSpan.FromSeconds(30));

    private static string[] States(JsonElement command) =>
        [.. command.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("state").GetString()!)];
}
