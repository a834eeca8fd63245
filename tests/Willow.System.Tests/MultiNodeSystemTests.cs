using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Security;
using Willow.Hub;
using Willow.Hub.Commands;
using Willow.Hub.Live;
using Willow.Testing;

namespace Willow.System.Tests;

/// <summary>
/// Two real hub processes on one real Redis, as behind a load balancer: the home's gateway holds its
/// WebSocket on node B, the owner presses Feed on node A, and their dashboard is open on node A.
/// </summary>
public sealed class MultiNodeSystemTests
{
    [Fact]
    public async Task CommandIssuedOnNodeA_ReachesTheGatewayOnNodeB_RunsOnce_AndNodeAsDashboardSeesEveryStep()
    {
        using var directory = new TempDirectory("two-nodes");
        var redis = await RedisServer.SharedAsync();
        var homeKey = HomeKey.Generate();
        var (nodeA, nodeB) = ($"http://127.0.0.1:{Ports.Free()}", $"http://127.0.0.1:{Ports.Free()}");
        var agentUrl = $"http://127.0.0.1:{Ports.Free()}";
        var movementLog = directory.File("movements.log");
        Write(directory.File("hub.json"), new JsonObject
        {
            ["Storage"] = new JsonObject { ["Provider"] = "redis", ["Redis"] = redis, ["RedisPrefix"] = RedisServer.NewPrefix("nodes") },
        });
        Write(directory.File("agent.json"), new JsonObject
        {
            ["urls"] = agentUrl,
            ["Agent"] = new JsonObject
            {
                ["DeviceId"] = "treat-dispenser", ["Capabilities"] = new JsonArray("dispenser"), ["HomeKey"] = homeKey, ["DataDirectory"] = directory.Sub("agent"),
            },
            ["Dispenser"] = new JsonObject { ["Dwell"] = "00:00:00.200", ["ReturnTravel"] = "00:00:00.100", ["SimulatedMovementLog"] = movementLog },
        });
        Write(directory.File("gateway.json"), new JsonObject
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Gateway"] = new JsonObject { ["HubUrl"] = nodeB, ["HomeKey"] = homeKey, ["DataDirectory"] = directory.Sub("gateway"), ["PresenceInterval"] = "00:00:01" },
            ["Discovery"] = new JsonObject { ["Agents"] = new JsonArray(new JsonObject { ["DeviceId"] = "treat-dispenser", ["Url"] = agentUrl }) },
        });

        await using var agent = WillowProcess.Start(["agent", "--config", directory.File("agent.json")]);
        await using var hubA = await FreshHub.StartAsync(nodeA, directory.Sub("hub-a"), "UTC", directory.File("hub.json"));
        await using var hubB = WillowProcess.Start(["hub", "--config", directory.File("hub.json"), "--urls", nodeB, "--data-dir", directory.Sub("hub-b")]);
        await hubB.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));

        // The enrolment code comes from node A and is spent on node B: the code lives in Redis, not in a node.
        await hubA.EnrollGatewayAsync("home", directory.Sub("gateway"));
        await using var gateway = WillowProcess.Start(["gateway", "--config", directory.File("gateway.json")]);
        await Eventually.WaitAsync(
            async () => await hubA.Client.GetFromJsonAsync($"{hubA.Api}/devices", HubJsonContext.Default.IReadOnlyListDeviceView),
            devices => devices!.Any(d => d.Id == "treat-dispenser" && d.Online),
            "node A to list the dispenser the gateway reported to node B",
            TimeSpan.FromSeconds(60));

        // A person signed in on node A is signed in on node B: sessions and the keys that protect cookies live in Redis.
        using (var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }))
        {
            using var login = await browser.PostAsync(
                nodeA + "/api/v1/account/login",
                new StringContent($"{{\"email\":\"{FreshHub.OwnerEmail}\",\"password\":\"{FreshHub.Password}\"}}", Encoding.UTF8, "application/json"));
            Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
            using var onB = await browser.GetAsync(nodeB + "/api/v1/households");
            Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        }

        // The owner's dashboard, open on node A.
        var heard = Channel.CreateUnbounded<CommandView>();
        await using var dashboard = new HubConnectionBuilder()
            .WithUrl(nodeA + LiveHub.Path, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(hubA.Token);
            })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, WillowJsonContext.Default);
                o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(1, HubJsonContext.Default);
            })
            .Build();
        dashboard.On<CommandView>(nameof(ILiveClient.CommandChanged), view => heard.Writer.TryWrite(view));
        await dashboard.StartAsync();
        await dashboard.InvokeAsync(nameof(LiveHub.Watch), hubA.HouseholdId);

        using var issued = await hubA.Client.PostAsync(
            $"{hubA.Api}/devices/treat-dispenser/commands",
            new StringContent("{\"kind\":\"dispense\",\"args\":{\"portions\":1}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, issued.StatusCode);
        var id = Guid.Parse(JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);

        // Node B, which holds the gateway, records the outcome; both nodes read the same command.
        using var clientB = new HttpClient { BaseAddress = new Uri(nodeB + "/") };
        clientB.DefaultRequestHeaders.Authorization = new("Bearer", hubA.Token);
        var finished = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await clientB.GetStringAsync($"{hubA.Api}/commands/{id}")).RootElement.Clone(),
            c => c.GetProperty("state").GetString() is not ("queued" or "delivered" or "executing"),
            "the command to finish",
            TimeSpan.FromSeconds(30));
        Assert.Equal("succeeded", finished.GetProperty("state").GetString());
        string[] timeline = [.. finished.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("state").GetString()!)];
        Assert.Equal(["queued", "delivered", "executing", "succeeded"], timeline);

        // Delivered and run once: the servo swung out once.
        await Task.Delay(500);
        Assert.Single(File.ReadAllLines(movementLog), l => l.EndsWith("-> 90", StringComparison.Ordinal));

        // The dashboard on node A heard the command at once and then as it moved: a gateway's batch (delivered and
        // executing together) arrives as one message carrying the newest state and the whole timeline.
        var views = new List<CommandView>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (views.LastOrDefault()?.State != CommandState.Succeeded)
        {
            var view = await heard.Reader.ReadAsync(wait.Token);
            if (view.Id == id)
            {
                views.Add(view);
            }
        }

        Assert.Equal(CommandState.Queued, views[0].State);
        Assert.True(views.Count >= 3, $"the dashboard heard only {string.Join(", ", views.Select(v => v.State))}");
        Assert.Equal(views.Select(v => v.State).Order(), views.Select(v => v.State));
        Assert.Equal(timeline, views[^1].Events.Select(e => e.State.ToWire()));
    }

    private static void Write(string path, JsonObject json) => File.WriteAllText(path, json.ToJsonString());
}
