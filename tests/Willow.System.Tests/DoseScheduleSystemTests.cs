using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Willow.Core.Doses;
using Willow.Core.Security;
using Willow.Hub;
using Willow.Sqlite;
using Willow.Testing;

namespace Willow.System.Tests;

/// <summary>
/// Real hub, gateway and agent processes running a fast schedule (a dose every four seconds), with the
/// gateway killed by SIGKILL at random moments and started again, again and again.
/// </summary>
public sealed class DoseScheduleSystemTests
{
    private const int Doses = 16;

    [Fact]
    public async Task GatewayKilledAtRandomMoments_NoDoseGivenTwice_EveryDoseEndsInOneFinalState()
    {
        using var directory = new TempDirectory("schedule-kill");
        var homeKey = HomeKey.Generate();
        var hubUrl = $"http://127.0.0.1:{Ports.Free()}";
        var agentUrl = $"http://127.0.0.1:{Ports.Free()}";
        var movementLog = directory.File("movements.log");
        var agentJournal = Path.Combine(directory.Sub("agent"), "journal.db");
        var gatewayJournal = Path.Combine(directory.Sub("gateway"), "journal.db");

        Write(directory.File("hub.json"), new JsonObject
        {
            ["Regimens"] = new JsonObject { ["MinimumScheduleInterval"] = "00:00:01" },
        });
        Write(directory.File("agent.json"), new JsonObject
        {
            ["urls"] = agentUrl,
            ["Agent"] = new JsonObject
            {
                ["DeviceId"] = "pill-dispenser", ["Capabilities"] = new JsonArray("dispenser"), ["HomeKey"] = homeKey, ["DataDirectory"] = Path.GetDirectoryName(agentJournal),
            },
            ["Dispenser"] = new JsonObject { ["Dwell"] = "00:00:00.300", ["ReturnTravel"] = "00:00:00.100", ["SimulatedMovementLog"] = movementLog },
        });
        Write(directory.File("gateway.json"), new JsonObject
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Gateway"] = new JsonObject
            {
                ["HubUrl"] = hubUrl, ["HomeKey"] = homeKey, ["DataDirectory"] = Path.GetDirectoryName(gatewayJournal), ["PresenceInterval"] = "00:00:01",
            },
            ["Clock"] = new JsonObject { ["CheckInterval"] = "00:00:01" },
            ["Discovery"] = new JsonObject { ["Agents"] = new JsonArray(new JsonObject { ["DeviceId"] = "pill-dispenser", ["Url"] = agentUrl }) },
        });

        await using var agent = WillowProcess.Start(["agent", "--config", directory.File("agent.json")]);
        await using var hub = await FreshHub.StartAsync(hubUrl, directory.Sub("hub"), "UTC", directory.File("hub.json"));
        var household = hub.HouseholdId;
        await hub.EnrollGatewayAsync("home", Path.GetDirectoryName(gatewayJournal)!);
        var gateway = WillowProcess.Start(["gateway", "--config", directory.File("gateway.json")]);
        try
        {
            var client = hub.Client;
            await Eventually.WaitAsync(
                async () => await client.GetFromJsonAsync($"api/v1/households/{household}/devices", HubJsonContext.Default.IReadOnlyListDeviceView),
                d => d!.Any(x => x.Id == "pill-dispenser" && x.Online),
                "the gateway to report the dispenser",
                TimeSpan.FromSeconds(60));
            var regimenId = await CreateRegimenAsync(client, household);

            // Kill the gateway at random moments while the course runs, starting it again each time.
            var random = new Random(20261125);
            var courseEnds = DateTimeOffset.UtcNow.AddSeconds(6 + (Doses * 4) + 3);
            var kills = 0;
            while (DateTimeOffset.UtcNow < courseEnds)
            {
                // Each life of the gateway reaches the hub first (on a loaded machine a start alone can take seconds,
                // and a gateway killed before it ever ran would test nothing), then lasts a random while.
                await Eventually.WaitAsync(
                    async () => await client.GetFromJsonAsync($"api/v1/households/{household}/devices", HubJsonContext.Default.IReadOnlyListDeviceView),
                    d => d!.Any(x => x.Id == "pill-dispenser" && x.Online),
                    "the restarted gateway to reach the hub",
                    TimeSpan.FromSeconds(60));
                await Task.Delay(random.Next(1500, 5000));
                WillowProcess.SendSignal(gateway.Pid, "KILL");
                await gateway.WaitForExitAsync(TimeSpan.FromSeconds(10));
                await gateway.DisposeAsync();
                kills++;
                await Task.Delay(random.Next(100, 1200));
                gateway = WillowProcess.Start(["gateway", "--config", directory.File("gateway.json")]);
            }

            // Every dose of the course ends in a final state at the hub, as the home recorded it.
            var doses = await Eventually.WaitAsync(
                async () => (await client.GetFromJsonAsync($"api/v1/households/{household}/doses?regimen={regimenId}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}", HubJsonContext.Default.IReadOnlyListDoseView))!,
                list => list.Count == Doses && list.All(d => d.State != DoseState.Scheduled),
                "every dose to reach a final state at the hub",
                TimeSpan.FromSeconds(60));

            Assert.True(kills >= 8, $"the gateway was killed only {kills} times");
            using var home = Open(gatewayJournal);
            foreach (var dose in doses)
            {
                var atHome = home.Query("SELECT state FROM doses WHERE dose_id = $id", r => r.GetString(0), null, ("$id", dose.Id.ToString())).Single();
                Assert.Equal(dose.State.ToWire(), atHome);
            }

            // No dose was given twice: the agent's journal has at most one started dispense per dose, and
            // the servo swung once per started dispense.
            using var agentDb = Open(agentJournal);
            var started = agentDb.Query(
                "SELECT dose_id, COUNT(*) FROM actuations WHERE kind = 'dispense' AND started_at IS NOT NULL GROUP BY dose_id",
                r => (Dose: r.IsDBNull(0) ? null : r.GetString(0), Count: r.GetInt64(1)), null);
            Assert.All(started, s => Assert.Equal(1, s.Count));
            var releases = File.Exists(movementLog) ? File.ReadAllLines(movementLog).Count(l => l.EndsWith("-> 90", StringComparison.Ordinal)) : 0;
            Assert.Equal(started.Sum(s => s.Count), releases);

            var given = doses.Count(d => d.State is DoseState.Dispensed or DoseState.Uncertain);
            Assert.True(given <= releases && releases <= Doses, $"{given} doses given, {releases} releases");
            Assert.True(given >= 3, $"only {given} of {Doses} doses were given; the test did not exercise dispensing");
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }

    private static async Task<Guid> CreateRegimenAsync(HttpClient client, Guid household)
    {
        using var pet = await client.PostAsync($"api/v1/households/{household}/pets", Json("{\"name\":\"Willow\"}"));
        var petId = JsonDocument.Parse(await pet.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var start = DateTime.UtcNow.AddSeconds(6);
        var body = $$"""
            {"petId":"{{petId}}","medication":"test tablets","amount":"1","schedule":{"kind":"every","every":"00:00:04"},
             "startsAt":"{{start:yyyy-MM-dd'T'HH:mm:ss}}","endsAt":"{{start.AddSeconds(Doses * 4):yyyy-MM-dd'T'HH:mm:ss}}",
             "windowBefore":"00:00:00","windowAfter":"00:00:02","minimumInterval":"00:00:02","deviceId":"pill-dispenser"}
            """;
        using var response = await client.PostAsync($"api/v1/households/{household}/regimens", Json(body));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return Guid.Parse(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
    }

    private static StringContent Json(string body) => new(body, global::System.Text.Encoding.UTF8, "application/json");

    private static void Write(string path, JsonObject json) => File.WriteAllText(path, json.ToJsonString());

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
