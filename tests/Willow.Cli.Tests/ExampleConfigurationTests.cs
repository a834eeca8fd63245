using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Willow.Agent;
using Willow.Agent.Actuations;
using Willow.Core.Security;
using Willow.Gateway;
using Willow.Gateway.Discovery;
using Willow.Hosting;
using Willow.Testing;

namespace Willow.Cli.Tests;

/// <summary>
/// The example configuration files in <c>deploy/config/</c> that docs/hardware.md tells people to copy: each
/// one starts its role with its own settings. Only what cannot exist here is replaced: the home key's
/// placeholder, the data directory, the port, the servo's hardware PWM (no PWM chip on this machine), and Consul
/// (the emulation, on a free port).
/// </summary>
public sealed class ExampleConfigurationTests
{
    public static TheoryData<string> AgentConfigurations() =>
        [.. Directory.GetFiles(Repository.PathTo("deploy", "config"), "agent-*.json").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(AgentConfigurations))]
    public async Task EveryExampleAgentConfiguration_StartsAnAgentWithTheCapabilitiesItNames(string file)
    {
        using var directory = new TempDirectory("example-agent");
        var path = Repository.PathTo("deploy", "config", file);
        var named = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path), new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })
            .RootElement.GetProperty("Agent").GetProperty("Capabilities").EnumerateArray().Select(c => c.GetString()!).Order().ToList();
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Agent:HomeKey"] = HomeKey.Generate(),
            ["Agent:DataDirectory"] = directory.Path,
            ["Dispenser:Driver"] = "simulated",
        };
        await using var consul = await ConsulEmulation.StartAsync();
        settings["Consul:Address"] = consul.Url;
        settings["Consul:ServiceAddress"] = "127.0.0.1";

        var (app, _) = await RunningApp.StartAsync(AgentApplication.Build(new RoleSettings(ConfigFile: path, Settings: settings)));
        await using (app)
        {
            Assert.Equal(named, app.Services.GetRequiredService<ActuationRunner>().Capabilities.Order());
            if (file.Contains("consul", StringComparison.Ordinal))
            {
                var deviceId = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
                    .RootElement.GetProperty("Agent").GetProperty("DeviceId").GetString()!;
                await Eventually.WaitAsync(() => consul.Service($"willow-agent-{deviceId}") is { } s && s.Tags.Order().SequenceEqual(named), "the board to register with Consul");
            }

            await app.StopAsync();
        }
    }

    [Fact]
    public async Task TheExampleGatewayConfiguration_StartsAGatewayThatKnowsEveryAgentItLists()
    {
        using var directory = new TempDirectory("example-gateway");
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Gateway:HomeKey"] = HomeKey.Generate(),
            ["Gateway:DataDirectory"] = directory.Path,
            ["Gateway:HubUrl"] = $"http://127.0.0.1:{Ports.Free()}",
            ["Gateway:Token"] = "wgw_example",
        };

        var (app, _) = await RunningApp.StartAsync(GatewayApplication.Build(new RoleSettings(ConfigFile: Repository.PathTo("deploy", "config", "gateway.json"), Settings: settings)));
        await using (app)
        {
            Assert.Equal(
                ["feeding-station", "pill-dispenser", "speaker", "treat-dispenser"],
                app.Services.GetRequiredService<IAgentDirectory>().Agents.Select(a => a.DeviceId).Order());
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task TheExampleConsulGatewayConfiguration_FollowsTheAgentsRegisteredInConsul()
    {
        using var directory = new TempDirectory("example-gateway-consul");
        await using var consul = await ConsulEmulation.StartAsync();
        await using var agent = await AgentHost.StartAsync(directory.Sub("agent"), "speaker", Core.Commands.Capability.Speaker, HomeKey.Generate(), new Dictionary<string, string?>
        {
            ["Discovery:Provider"] = "consul", ["Consul:Address"] = consul.Url, ["Consul:ServiceAddress"] = "127.0.0.1", ["Consul:CheckInterval"] = "00:00:01",
            ["Consul:CheckTimeout"] = "00:00:01",
        });
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Gateway:HomeKey"] = HomeKey.Generate(),
            ["Gateway:DataDirectory"] = directory.Sub("gateway"),
            ["Gateway:HubUrl"] = $"http://127.0.0.1:{Ports.Free()}",
            ["Gateway:Token"] = "wgw_example",
            ["Consul:Address"] = consul.Url,
        };

        var (app, _) = await RunningApp.StartAsync(GatewayApplication.Build(new RoleSettings(ConfigFile: Repository.PathTo("deploy", "config", "gateway-consul.json"), Settings: settings)));
        await using (app)
        {
            await Eventually.WaitAsync(
                () => app.Services.GetRequiredService<IAgentDirectory>().Agents.Select(a => a.DeviceId).SequenceEqual(["speaker"]),
                "the gateway to find the speaker in Consul");
            await app.StopAsync();
        }
    }
}
