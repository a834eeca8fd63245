using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Willow.Core.Commands;
using Willow.Hub.Alerts;
using Willow.Testing;

namespace Willow.Hub.Tests.Alerts;

/// <summary>
/// A hub on a fake clock with a pill dispenser and a regimen (a dose every 8 hours from 07:00 in Berlin, 06:00 UTC,
/// window ±45 min),
/// whose rules and outbox the test drives: the background rounds are set far apart so only the test moves them
/// (the outbox still wakes when something is queued, as in production). It can be stopped and started again on
/// the same store.
/// </summary>
internal sealed class AlertHome : IAsyncDisposable
{
    public const string Dispenser = "pill-dispenser";

    public static readonly DateTimeOffset Start = new(2026, 12, 1, 5, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("alerts");
    private readonly IDictionary<string, string?> _extra;
    private HubIdentity? _identity;
    private string? _redisPrefix;

    private AlertHome(IDictionary<string, string?> extra) => _extra = extra;

    public FakeTimeProvider Time { get; } = new(Start);

    public HubHost Hub { get; private set; } = null!;

    public TestGateway Gateway { get; private set; } = null!;

    public Guid HouseholdId => Hub.HouseholdId;

    public Guid RegimenId { get; private set; }

    public Guid OwnerId { get; private set; }

    public DateTimeOffset FirstDoseAt => new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    public static async Task<AlertHome> StartAsync(IDictionary<string, string?>? settings = null, bool withRegimen = true)
    {
        var home = new AlertHome(settings ?? new Dictionary<string, string?>());
        await home.StartHubAsync();
        home.Gateway = await TestGateway.ConnectAsync(home.Hub);
        await home.Gateway.ReportDevicesAsync((Dispenser, Capability.Dispenser, true));
        using var client = home.Hub.OwnerClient();
        home.OwnerId = (await client.GetFromJsonAsync("api/v1/account", HubJsonContext.Default.AccountView))!.Id;
        if (withRegimen)
        {
            var pet = await (await client.PostJsonAsync($"api/v1/households/{home.HouseholdId}/pets", "{\"name\":\"Juno\"}")).Content.ReadFromJsonAsync(HubJsonContext.Default.PetView);
            using var response = await client.PostJsonAsync(
                $"api/v1/households/{home.HouseholdId}/regimens",
                $$"""{"petId":"{{pet!.Id}}","medication":"clomipramine","amount":"1 tablet","schedule":{"kind":"every","every":"08:00:00"},"startsAt":"2026-12-01T07:00","windowBefore":"00:45:00","windowAfter":"00:45:00","minimumInterval":"06:00:00","deviceId":"{{Dispenser}}"}""");
            response.EnsureSuccessStatusCode();
            home.RegimenId = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.RegimenView))!.Id;
        }

        return home;
    }

    private async Task StartHubAsync()
    {
        var settings = new Dictionary<string, string?>(_extra)
        {
            ["Doses:ScanInterval"] = "7.00:00:00",
            ["Alerts:EvaluateInterval"] = "7.00:00:00",
            ["Alerts:PublicUrl"] = "https://willow.example.org",
        };
        if (_redisPrefix is not null)
        {
            settings["Storage:RedisPrefix"] = _redisPrefix;
        }

        _identity ??= HubHost.NewIdentity(_directory.Path);
        Hub = await HubHost.StartAsync(_identity, settings: settings, configure: b => b.Services.AddSingleton<TimeProvider>(Time));
        _redisPrefix ??= Hub.RedisPrefix;
    }

    /// <summary>Stops the hub (as a crash would leave the store: nothing more is written) and starts a new one on the same store.</summary>
    public async Task RestartHubAsync()
    {
        await Gateway.DisposeAsync();
        await Hub.DisposeAsync();
        await StartHubAsync();
        Gateway = await TestGateway.ConnectAsync(Hub);
    }

    public IAlertStore Store => Hub.Service<IAlertStore>();

    public Task<int> EvaluateAsync() => Hub.Service<AlertWatch>().EvaluateAsync(default);

    public Task<int> DeliverAsync() => Hub.Service<AlertCourier>().DeliverDueAsync(default);

    /// <summary>The first dose's window closed at 06:45 UTC; the hub presumes it missed five minutes later.</summary>
    public async Task MissFirstDoseAsync()
    {
        await SetTimeAsync(new DateTimeOffset(2026, 12, 1, 6, 51, 0, TimeSpan.Zero));
        await Hub.Service<Doses.MissedDoseDetector>().ScanAsync(default);
    }

    /// <summary>Moves the clock; the gateway reports its dispenser again, as it does every presence round, so it is not "silent".</summary>
    public async Task SetTimeAsync(DateTimeOffset at)
    {
        Time.SetUtcNow(at);
        await Gateway.ReportDevicesAsync((Dispenser, Capability.Dispenser, true));
    }

    public Task AdvanceAsync(TimeSpan by) => SetTimeAsync(Time.GetUtcNow() + by);

    public async Task<ChannelView> AddChannelAsync(HttpClient client, string json)
    {
        using var response = await client.PostJsonAsync($"api/v1/households/{HouseholdId}/members/me/channels", json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.ChannelView))!;
    }

    public async Task<IReadOnlyList<AlertView>> AlertsAsync(HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync($"api/v1/households/{HouseholdId}/alerts{query}", HubJsonContext.Default.IReadOnlyListAlertView))!;

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Hub.DisposeAsync();
        _directory.Dispose();
    }
}
