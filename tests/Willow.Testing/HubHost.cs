using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Willow.Core.Security;
using Willow.Hosting;
using Willow.Hub;

namespace Willow.Testing;

/// <summary>
/// A real hub on a free loopback port with a fresh SQLite file and two households: ours (with a gateway
/// token and a direct-mode device token) and another one, to prove isolation.
/// </summary>
public sealed class HubHost : IAsyncDisposable
{
    public const string GatewayId = "home";
    public const string DirectDeviceId = "feeder";

    private HubHost(WebApplication app, string url, HubIdentity identity)
    {
        App = app;
        Url = url;
        Identity = identity;
    }

    public WebApplication App { get; }

    public string Url { get; }

    public HubIdentity Identity { get; }

    public Guid HouseholdId => Identity.HouseholdId;

    public static HubIdentity NewIdentity(string dataDirectory) => new(
        Guid.NewGuid(), Guid.NewGuid(), Secrets.NewToken("wlw"), Secrets.NewToken("wlw"), Secrets.NewToken("wgw"), Secrets.NewToken("wdv"),
        Path.Combine(dataDirectory, "hub.db"));

    public static async Task<HubHost> StartAsync(
        HubIdentity identity,
        string url = "http://127.0.0.1:0",
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = url,
            ["Storage:SqlitePath"] = identity.DatabasePath,
            ["Commands:SweepInterval"] = "00:00:00.200",
            ["Commands:ExpiryGrace"] = "00:00:00",
            ["Bootstrap:Households:0:Id"] = identity.HouseholdId.ToString(),
            ["Bootstrap:Households:0:Name"] = "Willow's home",
            ["Bootstrap:Households:0:TimeZone"] = "Europe/Berlin",
            ["Bootstrap:Households:1:Id"] = identity.OtherHouseholdId.ToString(),
            ["Bootstrap:Households:1:Name"] = "Next door",
            ["Bootstrap:Households:1:TimeZone"] = "Australia/Sydney",
            ["Bootstrap:ApiTokens:0:Name"] = "owner",
            ["Bootstrap:ApiTokens:0:Token"] = identity.ApiToken,
            ["Bootstrap:ApiTokens:0:Households:0"] = identity.HouseholdId.ToString(),
            ["Bootstrap:ApiTokens:1:Name"] = "neighbour",
            ["Bootstrap:ApiTokens:1:Token"] = identity.OtherApiToken,
            ["Bootstrap:ApiTokens:1:Households:0"] = identity.OtherHouseholdId.ToString(),
            ["Bootstrap:GatewayTokens:0:GatewayId"] = GatewayId,
            ["Bootstrap:GatewayTokens:0:Household"] = identity.HouseholdId.ToString(),
            ["Bootstrap:GatewayTokens:0:Token"] = identity.GatewayToken,
            ["Bootstrap:DeviceTokens:0:DeviceId"] = DirectDeviceId,
            ["Bootstrap:DeviceTokens:0:Household"] = identity.HouseholdId.ToString(),
            ["Bootstrap:DeviceTokens:0:Token"] = identity.DeviceToken,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = HubApplication.Build(new RoleSettings(Settings: values), configure);
        var (started, listening) = await RunningApp.StartAsync(app);
        return new HubHost(started, listening, identity);
    }

    public static Task<HubHost> StartAsync(TempDirectory directory, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null) =>
        StartAsync(NewIdentity(directory.Path), settings: settings, configure: configure);

    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url + "/") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient OwnerClient() => Client(Identity.ApiToken);

    public string DevicePath(string deviceId) => $"api/v1/households/{HouseholdId}/devices/{deviceId}";

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public int Port => new Uri(Url).Port;

    public string PortText => Port.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Ids and secrets of a test hub, kept so that the hub can be restarted on the same data.</summary>
public sealed record HubIdentity(
    Guid HouseholdId, Guid OtherHouseholdId, string ApiToken, string OtherApiToken, string GatewayToken, string DeviceToken, string DatabasePath);
