using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Willow.Core.Security;
using Willow.Hosting;
using Willow.Hub;
using Willow.Hub.Households;

namespace Willow.Testing;

/// <summary>
/// A real hub on a free loopback port with a fresh SQLite file and two households, each with an owner
/// holding a personal access token: ours (with an enrolled gateway and a direct-mode device token) and
/// another one, to prove isolation. More people join with <see cref="AddPersonAsync"/>.
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

    /// <summary>With <see cref="OnRedis"/>: the prefix of every key this hub writes.</summary>
    public string? RedisPrefix { get; private init; }

    /// <summary>True when this run's hubs keep their state in Redis rather than SQLite.</summary>
    public static bool OnRedis => string.Equals(Environment.GetEnvironmentVariable("WILLOW_TEST_STORAGE"), "redis", StringComparison.OrdinalIgnoreCase);

    public static HubIdentity NewIdentity(string dataDirectory) => new(
        Guid.NewGuid(), Guid.NewGuid(), Secrets.NewToken("wlw"), Secrets.NewToken("wlw"), Secrets.NewToken("wgw"), Secrets.NewToken("wdv"),
        Path.Combine(dataDirectory, "hub.db"));

    public static async Task<HubHost> StartAsync(
        HubIdentity identity,
        string url = "http://127.0.0.1:0",
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        string? redisPrefix = null;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = url,
            ["Storage:SqlitePath"] = identity.DatabasePath,
            ["Commands:SweepInterval"] = "00:00:00.200",
            ["Commands:ExpiryGrace"] = "00:00:00",
            // Tests of the rate limits set their own; every other test may call as often as it likes.
            ["RateLimits:LoginPerMinute"] = "10000",
            ["RateLimits:SignUpPerHour"] = "10000",
            ["RateLimits:CodesPerHour"] = "10000",
            ["RateLimits:CommandsPerMinute"] = "100000",
        };
        // WILLOW_TEST_STORAGE=redis runs the same tests on Redis (the README's test command does both).
        if (OnRedis)
        {
            values["Storage:Provider"] = "redis";
            values["Storage:Redis"] = await RedisServer.SharedAsync();
            values["Storage:RedisPrefix"] = RedisServer.NewPrefix("hub");
            redisPrefix = values["Storage:RedisPrefix"];
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = HubApplication.Build(new RoleSettings(Settings: values), configure);
        await HubSeed.ApplyAsync(app.Services, identity);
        var (started, listening) = await RunningApp.StartAsync(app);
        return new HubHost(started, listening, identity) { RedisPrefix = redisPrefix };
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

    /// <summary>A new person in our household (or none) with a role, an optional end, and a token.</summary>
    public Task<Person> AddPersonAsync(HouseholdRole? role, DateTimeOffset? endsAt = null, Guid? householdId = null) =>
        HubSeed.AddPersonAsync(App.Services, role is null ? null : householdId ?? HouseholdId, role ?? HouseholdRole.Viewer, endsAt);

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
