using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Willow.Core.Security;
using Willow.Hub;
using Willow.Testing;

namespace Willow.System.Tests;

/// <summary>
/// Real <c>willow</c> processes finding each other through Consul (the emulation, since no Consul binary runs
/// here): a hub, a gateway started with <c>--consul</c> and no list of agents, and two agents started with
/// <c>--consul</c>, a dispenser and a speaker. Commands reach the board with the capability; a board that stops is
/// dropped, whether it says goodbye (Ctrl+C: it deregisters) or not (SIGKILL: its check turns critical).
/// </summary>
public sealed class ConsulDiscoverySystemTests
{
    [Fact]
    public async Task TwoAgentsAndAGatewayThroughConsul_EachCommandReachesTheBoardWithItsCapability_AndStoppedBoardsAreDropped()
    {
        using var directory = new TempDirectory("consul-system");
        await using var consul = await ConsulEmulation.StartAsync();
        var homeKey = HomeKey.Generate();
        var hubUrl = $"http://127.0.0.1:{Ports.Free()}";
        var movementLog = directory.File("movements.log");
        var playLog = directory.File("plays.log");
        Write(directory.File("dispenser.json"), Agent("treat-dispenser", "dispenser", homeKey, directory.Sub("dispenser"),
            new JsonObject { ["Dispenser"] = new JsonObject { ["Dwell"] = "00:00:00.200", ["ReturnTravel"] = "00:00:00.100", ["SimulatedMovementLog"] = movementLog } }));
        Write(directory.File("speaker.json"), Agent("speaker", "speaker", homeKey, directory.Sub("speaker"),
            new JsonObject { ["Speaker"] = new JsonObject { ["SimulatedSoundLength"] = "00:00:00.050", ["SimulatedPlayLog"] = playLog } }));
        Write(directory.File("gateway.json"), new JsonObject
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Gateway"] = new JsonObject { ["HubUrl"] = hubUrl, ["HomeKey"] = homeKey, ["DataDirectory"] = directory.Sub("gateway"), ["PresenceInterval"] = "00:00:30" },
        });

        await using var hub = await FreshHub.StartAsync(hubUrl, directory.Sub("hub"), "UTC");
        await hub.EnrollGatewayAsync("home", directory.Sub("gateway"));
        await using var gateway = WillowProcess.Start(["gateway", "--config", directory.File("gateway.json"), "--consul", consul.Url]);
        await using var dispenser = StartAgent(directory.File("dispenser.json"), consul);
        await using var speaker = StartAgent(directory.File("speaker.json"), consul);

        // Both boards listed at the hub with their capabilities: the gateway found them in Consul alone.
        var devices = await Eventually.WaitAsync(
            () => hub.Client.GetFromJsonAsync($"{hub.Api}/devices", HubJsonContext.Default.IReadOnlyListDeviceView),
            d => d!.Count == 2 && d.All(x => x.Online),
            "both boards online at the hub",
            TimeSpan.FromSeconds(60));
        Assert.Equal(["dispenser"], devices!.Single(d => d.Id == "treat-dispenser").Capabilities);
        Assert.Equal(["speaker"], devices!.Single(d => d.Id == "speaker").Capabilities);

        // Feed reaches the dispenser's servo; call reaches the speaker.
        Assert.Equal("succeeded", await IssueAndWaitAsync(hub, "treat-dispenser", "{\"kind\":\"dispense\"}"));
        Assert.Equal("succeeded", await IssueAndWaitAsync(hub, "speaker", "{\"kind\":\"call\"}"));
        Assert.Single(File.ReadAllLines(movementLog), l => l.EndsWith("-> 90", StringComparison.Ordinal));
        Assert.Single(File.ReadAllLines(playLog));

        // The speaker stopped with Ctrl+C deregisters: gone from Consul, and offline at the hub.
        speaker.Interrupt();
        Assert.Equal(0, await speaker.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Null(consul.Service("willow-agent-speaker"));
        await Eventually.WaitAsync(
            () => hub.Client.GetFromJsonAsync($"{hub.Api}/devices", HubJsonContext.Default.IReadOnlyListDeviceView),
            d => d!.Single(x => x.Id == "speaker") is { Online: false },
            "the speaker offline at the hub",
            TimeSpan.FromSeconds(15));

        // The dispenser killed without a word: its check turns critical within the interval, and the gateway drops it.
        WillowProcess.SendSignal(dispenser.Pid, "KILL");
        await dispenser.WaitForExitAsync(TimeSpan.FromSeconds(20));
        await Eventually.WaitAsync(
            () => hub.Client.GetFromJsonAsync($"{hub.Api}/devices", HubJsonContext.Default.IReadOnlyListDeviceView),
            d => d!.Single(x => x.Id == "treat-dispenser") is { Online: false },
            "the killed dispenser offline at the hub",
            TimeSpan.FromSeconds(15));
        Assert.Equal(ConsulEmulation.Critical, consul.Service("willow-agent-treat-dispenser")?.Status);
        Assert.Contains(gateway.Output.Split('\n'), l => l.Contains("agent treat-dispenser at", StringComparison.Ordinal) && l.EndsWith(" left", StringComparison.Ordinal));
    }

    private static WillowProcess StartAgent(string config, ConsulEmulation consul) =>
        WillowProcess.Start(["agent", "--config", config, "--consul", consul.Url, "--advertise", "127.0.0.1"]);

    private static JsonObject Agent(string deviceId, string capability, string homeKey, string dataDirectory, JsonObject extra)
    {
        var agent = new JsonObject
        {
            ["urls"] = $"http://127.0.0.1:{Ports.Free().ToString(CultureInfo.InvariantCulture)}",
            ["Agent"] = new JsonObject
            {
                ["DeviceId"] = deviceId, ["Capabilities"] = new JsonArray(capability), ["HomeKey"] = homeKey, ["DataDirectory"] = dataDirectory,
            },

            // Consul's shortest check interval, so a board that dies is seen within a second or two.
            ["Consul"] = new JsonObject { ["CheckInterval"] = "00:00:01", ["CheckTimeout"] = "00:00:01" },
        };
        foreach (var (key, value) in extra)
        {
            agent[key] = value!.DeepClone();
        }

        return agent;
    }

    private static async Task<string> IssueAndWaitAsync(FreshHub hub, string device, string json)
    {
        using var issued = await hub.Client.PostAsync($"{hub.Api}/devices/{device}/commands", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, issued.StatusCode);
        var id = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var finished = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await hub.Client.GetStringAsync($"{hub.Api}/commands/{id}")).RootElement.Clone(),
            c => c.GetProperty("state").GetString() is not ("queued" or "delivered" or "executing"),
            $"the {device} command to finish",
            TimeSpan.FromSeconds(30));
        return finished.GetProperty("state").GetString()!;
    }

    private static void Write(string path, JsonObject json) => File.WriteAllText(path, json.ToJsonString());
}
