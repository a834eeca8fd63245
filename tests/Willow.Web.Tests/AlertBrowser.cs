using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Willow.Testing;

namespace Willow.Web.Tests;

/// <summary>
/// Chromium against a <see cref="TestHome"/> whose hub looks for alerts every second (instead of every 15 s), so a
/// test sees an alert open as soon as its cause exists.
/// </summary>
public sealed class AlertBrowser : IAsyncLifetime
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private readonly SemaphoreSlim _regimen = new(1, 1);
    private bool _missedDose;
    private IPlaywright _playwright = null!;

    public TestHome Home { get; private set; } = null!;

    public IBrowser Chromium { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Browser.RequireBuiltDashboard();
        Home = await TestHome.StartAsync(
            new Dictionary<string, string?> { ["Dispenser:MinimumInterval"] = "00:00:00" },
            hubSettings: new Dictionary<string, string?> { ["Dashboard:WebRoot"] = Browser.WebRoot, ["Alerts:EvaluateInterval"] = "00:00:01" });
        _playwright = await Playwright.CreateAsync();
        Chromium = await Browser.LaunchAsync(_playwright);
    }

    public Task<IPage> NewPageAsync(int width = 390, int height = 844) => Browser.NewPageAsync(Chromium, Home.Hub.Url, width, height, "light");

    public string Api(string path) => $"api/v1/households/{Home.Hub.HouseholdId}/{path}";

    /// <summary>
    /// Makes a dose missed for real, once, as it happens at home: the dog was fed by hand a moment before a regimen's
    /// first dose (due in seconds, window one minute), so the scheduled dispense falls inside the regimen's hour of
    /// lockout and is refused; nobody gives it by hand, its window closes, the gateway records it missed and the hub
    /// opens an urgent alert. The alert opens about a minute after this returns.
    /// </summary>
    public async Task MissADoseAsync()
    {
        await _regimen.WaitAsync();
        try
        {
            if (_missedDose)
            {
                return;
            }

            using var owner = Home.Hub.OwnerClient();
            using var fed = await owner.PostAsJsonAsync(Api($"devices/{TestHome.Dispenser}/commands"), new { kind = "dispense", args = new { portions = 1 } });
            fed.EnsureSuccessStatusCode();
            var commandId = (await fed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            await Eventually.WaitAsync(
                async () => (await owner.GetFromJsonAsync<JsonElement>(Api($"devices/{TestHome.Dispenser}/commands/{commandId}"))).GetProperty("state").GetString(),
                state => state == "succeeded",
                "the feed by hand to succeed",
                TimeSpan.FromSeconds(20));

            using var pet = await owner.PostAsJsonAsync(Api("pets"), new { name = "Juno", species = "dog" });
            pet.EnsureSuccessStatusCode();
            var petId = (await pet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var start = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin).AddSeconds(5);
            using var regimen = await owner.PostAsJsonAsync(Api("regimens"), new
            {
                petId, medication = "clomipramine", amount = "1 tablet",
                schedule = new { kind = "every", every = "08:00:00" },
                startsAt = start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                endsAt = start.AddDays(7).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                windowBefore = "00:00:00", windowAfter = "00:01:00", minimumInterval = "01:00:00", deviceId = TestHome.Dispenser,
            });
            Assert.True(regimen.IsSuccessStatusCode, await regimen.Content.ReadAsStringAsync());
            _missedDose = true;
        }
        finally
        {
            _regimen.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
        await Home.DisposeAsync();
        _regimen.Dispose();
    }
}
