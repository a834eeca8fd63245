using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Willow.Gateway;
using Willow.Gateway.Journal;
using Willow.Gateway.Relay;
using Willow.Hosting;

namespace Willow.Testing;

/// <summary>A real gateway connected to a test hub, relaying to test agents.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private GatewayHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    /// <summary>Where its health and metrics answer.</summary>
    public string Url { get; private init; } = "";

    public CommandRelay Relay => App.Services.GetRequiredService<CommandRelay>();

    public GatewayJournal Journal => App.Services.GetRequiredService<GatewayJournal>();

    public T Services<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<GatewayHost> StartAsync(
        string hubUrl,
        string token,
        string homeKey,
        string dataDirectory,
        IReadOnlyDictionary<string, string> agents,
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Gateway:HubUrl"] = hubUrl,
            ["Gateway:Token"] = token,
            ["Gateway:HomeKey"] = homeKey,
            ["Gateway:DataDirectory"] = dataDirectory,
            ["Gateway:PresenceInterval"] = "00:00:01",
        };
        var index = 0;
        foreach (var (deviceId, url) in agents)
        {
            values[$"Discovery:Agents:{index}:DeviceId"] = deviceId;
            values[$"Discovery:Agents:{index}:Url"] = url;
            index++;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var (app, listening) = await RunningApp.StartAsync(GatewayApplication.Build(new RoleSettings(Settings: values), configure));
        return new GatewayHost(app) { Url = listening };
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
