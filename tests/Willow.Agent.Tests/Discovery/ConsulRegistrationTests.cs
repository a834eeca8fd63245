using System.Globalization;
using System.Text.Json;
using Willow.Core;
using Willow.Core.Commands;
using Willow.Core.Security;
using Willow.Testing;

namespace Willow.Agent.Tests.Discovery;

/// <summary>An agent with <c>Discovery:Provider=consul</c>, against the Consul emulation.</summary>
public sealed class ConsulRegistrationTests : IDisposable
{
    private readonly TempDirectory _directory = new("agent-consul");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OnStart_RegistersItsCapabilitiesDeviceIdAndACheckOnItsReadiness_AndDeregistersOnStop()
    {
        await using var consul = await ConsulEmulation.StartAsync();
        var agent = await StartAgentAsync(consul.Url);
        var port = new Uri(agent.Url).Port.ToString(CultureInfo.InvariantCulture);

        var service = await Eventually.WaitAsync(() => Task.FromResult(consul.Service("willow-agent-pill-dispenser")), s => s is not null, "the agent to register");
        using var body = JsonDocument.Parse(service!.Body);
        var root = body.RootElement;
        Assert.Equal("willow-agent", root.GetProperty("Name").GetString());
        Assert.Equal("127.0.0.1", root.GetProperty("Address").GetString());
        Assert.Equal(new Uri(agent.Url).Port, root.GetProperty("Port").GetInt32());
        Assert.Equal(["dispenser"], root.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("pill-dispenser", root.GetProperty("Meta").GetProperty("device_id").GetString());
        Assert.Equal(WillowVersion.Current, root.GetProperty("Meta").GetProperty("version").GetString());
        var check = root.GetProperty("Check");
        Assert.Equal($"http://127.0.0.1:{port}/health/ready", check.GetProperty("HTTP").GetString());
        Assert.Equal("10s", check.GetProperty("Interval").GetString());
        Assert.Equal("60s", check.GetProperty("DeregisterCriticalServiceAfter").GetString());
        await Eventually.WaitAsync(() => consul.Service("willow-agent-pill-dispenser")?.Status == ConsulEmulation.Passing, "Consul's check to pass", TimeSpan.FromSeconds(15));

        await agent.DisposeAsync();

        Assert.Null(consul.Service("willow-agent-pill-dispenser"));
    }

    [Fact]
    public async Task ConsulNotUpYet_TheAgentServesMeanwhile_AndRegistersWhenConsulComes()
    {
        var port = Ports.Free();
        await using var agent = await StartAgentAsync($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        using (var http = new HttpClient { BaseAddress = new Uri(agent.Url + "/") })
        {
            Assert.True((await http.GetAsync("health/ready")).IsSuccessStatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var consul = await ConsulEmulation.StartAsync(port: port);

        await Eventually.WaitAsync(() => consul.Service("willow-agent-pill-dispenser") is not null, "the agent to register once Consul is up");
    }

    [Fact]
    public async Task AnUnknownDiscoveryProvider_StopsTheAgentAtStart_WithASentence()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            AgentHost.StartAsync(_directory.Sub("bad"), "pill-dispenser", Capability.Dispenser, HomeKey.Generate(),
                new Dictionary<string, string?> { ["Discovery:Provider"] = "zookeeper" }));

        Assert.Equal("Discovery:Provider must be 'static' or 'consul', not 'zookeeper'.", error.Message);
    }

    private Task<AgentHost> StartAgentAsync(string consul) =>
        AgentHost.StartAsync(_directory.Sub("agent"), "pill-dispenser", Capability.Dispenser, HomeKey.Generate(), new Dictionary<string, string?>
        {
            ["Discovery:Provider"] = "consul",
            ["Consul:Address"] = consul,
            ["Consul:ServiceAddress"] = "127.0.0.1",
        });
}
