using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Willow.Agent;
using Willow.Agent.Capabilities.Dispenser;
using Willow.Agent.Capabilities.Speaker;
using Willow.Hosting;

namespace Willow.Testing;

/// <summary>A real agent on a loopback port, with simulated hardware.</summary>
public sealed class AgentHost : IAsyncDisposable
{
    private AgentHost(WebApplication app, string url)
    {
        App = app;
        Url = url;
    }

    public WebApplication App { get; }

    public string Url { get; }

    public SimulatedServo Servo => App.Services.GetRequiredService<SimulatedServo>();

    public SimulatedSoundPlayer Speaker => App.Services.GetRequiredService<SimulatedSoundPlayer>();

    public static async Task<AgentHost> StartAsync(
        string dataDirectory,
        string deviceId,
        string capability,
        string? homeKey,
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        string url = "http://127.0.0.1:0")
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = url,
            ["Agent:DeviceId"] = deviceId,
            ["Agent:Name"] = deviceId,
            ["Agent:Capabilities:0"] = capability,
            ["Agent:HomeKey"] = homeKey,
            ["Agent:DataDirectory"] = dataDirectory,
            ["Dispenser:Dwell"] = "00:00:00.010",
            ["Dispenser:ReturnTravel"] = "00:00:00.010",
            ["Speaker:SimulatedSoundLength"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var (app, listening) = await RunningApp.StartAsync(AgentApplication.Build(new RoleSettings(Settings: values), configure));
        return new AgentHost(app, listening);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
