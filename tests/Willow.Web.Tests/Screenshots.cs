using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Willow.Agent.Capabilities.Speaker;
using Willow.Hub.Readings;
using Willow.Testing;

namespace Willow.Web.Tests;

/// <summary>
/// Every page at a phone's (390×844) and a desktop's (1280×800) size, light and dark, and the home and devices on a
/// 360 px phone, for people to look at, of a home with a pill dispenser and a feeding station (camera, sensors,
/// speaker). They take minutes (a missed dose must happen first), so they run when <c>scripts/screenshots.sh</c> asks for
/// them by setting <c>WILLOW_SCREENSHOTS_DIR</c> (docs/screenshots), not in every test run; the layout checks a person
/// needs on each run (nothing wider than a 360 px phone) are in <see cref="DashboardTests"/>.
/// </summary>
[Collection(Name)]
public sealed class Screenshots(StationBrowser browser) : IClassFixture<StationBrowser>
{
    public const string Name = "Screenshots";

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string? Folder = Environment.GetEnvironmentVariable("WILLOW_SCREENSHOTS_DIR") is { Length: > 0 } dir ? dir : null;

    public static bool Asked => Folder is not null;

    private StationHome Home => browser.Home;

    [Fact(Skip = "Screenshots are taken by scripts/screenshots.sh (WILLOW_SCREENSHOTS_DIR), for a person to look at.", SkipUnless = nameof(Asked))]
    public async Task EveryPage_AtPhoneAndDesktopSize()
    {
        Directory.CreateDirectory(Folder!);
        await GiveTheHomeSomeLifeAsync();
        var written = new List<string>();
        foreach (var (name, width, height, scheme) in new[]
        {
            ("phone", 390, 844, "light"), ("desktop", 1280, 800, "light"), ("phone-dark", 390, 844, "dark"), ("phone-360", 360, 740, "light"),
        })
        {
            var page = await browser.NewPageAsync(width, height, scheme);
            page.SetDefaultTimeout(60_000); // a page full of charts and photos on a busy two-core machine
            await page.GotoAsync("/");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Willow" })).ToBeVisibleAsync();
            if (name != "phone-360")
            {
                written.Add(await ShootAsync(page, $"sign-in-{name}"));
            }

            await Browser.SignInAsync(page, HubSeed.OwnerEmail, HubSeed.Password);
            await Assertions.Expect(page.Locator("li.command").First.GetByTestId("command-state")).ToHaveTextAsync("Succeeded", new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByTestId("next-dose-countdown").First).ToBeVisibleAsync();
            await LoadedAsync(page.Locator(".dose-photo img"));
            written.Add(await ShootAsync(page, $"home-{name}"));
            if (scheme == "dark" || name == "phone-360")
            {
                await Tab(page, "Devices").ClickAsync();
                await DevicesReadyAsync(page);
                written.Add(await ShootAsync(page, $"devices-{name}"));
                await page.Context.CloseAsync();
                continue;
            }

            // Every tab fits on the phone: none hides off the edge of the bar.
            var lastTab = await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link).Last.BoundingBoxAsync();
            Assert.True(lastTab!.X + lastTab.Width <= width, $"The last tab ends at {lastTab.X + lastTab.Width} px in a {width} px window.");

            // Each page, reached as a person would: by its tab.
            foreach (var (tab, ready) in new[]
            {
                ("Doses", page.Locator(".dose-chip").First),
                ("Regimens", page.Locator(".regimen").First),
                ("Devices", page.Locator(".device-card").First),
                ("People", page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })),
            })
            {
                await Tab(page, tab).ClickAsync();
                await Assertions.Expect(ready).ToBeVisibleAsync();
                if (tab == "Devices")
                {
                    await DevicesReadyAsync(page);
                }

                written.Add(await ShootAsync(page, $"{tab.ToLowerInvariant()}-{name}"));
            }

            // Alerts (an urgent one open, a warning acknowledged, a notice), then the person's notification settings,
            // where on the phone a webhook is added so its secret shows once.
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { NameRegex = new("^Alerts") }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("alert")).ToHaveCountAsync(3);
            written.Add(await ShootAsync(page, $"alerts-{name}"));
            await page.GetByRole(AriaRole.Link, new() { Name = "Notification settings" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("channel").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Escalate after (minutes)")).ToBeVisibleAsync();
            if (name == "phone")
            {
                await page.GetByLabel("Webhook URL").FillAsync("https://homeassistant.home.arpa/api/webhook/willow");
                await page.GetByLabel("Name (optional)").FillAsync("Home Assistant");
                await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
                await Assertions.Expect(page.GetByLabel("Signing secret of Home Assistant")).ToBeVisibleAsync();
            }

            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            written.Add(await ShootAsync(page, $"notifications-{name}"));

            await Tab(page, "Regimens").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "New regimen" }).ClickAsync();
            await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Pet")).SelectOptionAsync(new SelectOptionValue { Label = "Willow" });
            await page.GetByLabel("Medication").FillAsync("gabapentin");
            await Assertions.Expect(page.Locator(".preview-list li")).ToHaveCountAsync(10);
            written.Add(await ShootAsync(page, $"regimen-editor-{name}"));
            await page.Context.CloseAsync();
        }

        Assert.All(written, file => Assert.True(new FileInfo(file).Length > 10_000, $"{file} is suspiciously small"));
    }

    /// <summary>
    /// A pet on clomipramine whose first dose is given (and photographed) while the test runs, a caregiver invited, a call,
    /// a photo asked for, a sound uploaded, and twenty seconds of sensor readings, all through the API as the dashboard would.
    /// </summary>
    private async Task GiveTheHomeSomeLifeAsync()
    {
        using var owner = Home.Hub.OwnerClient();
        using var pet = await owner.PostAsJsonAsync(Home.Api("pets"), new { name = "Willow", species = "dog" });
        var petId = (await pet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var invitation = await owner.PostAsJsonAsync(Home.Api("invitations"), new { role = "caregiver", membershipEndsAt = DateTimeOffset.UtcNow.AddDays(7), note = "Sam, pet sitter" });
        invitation.EnsureSuccessStatusCode();
        var start = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin).AddSeconds(3);
        using var regimen = await owner.PostAsJsonAsync(Home.Api("regimens"), new
        {
            petId, medication = "clomipramine", amount = "1 tablet",
            schedule = new { kind = "every", every = "08:00:00" },
            startsAt = start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            endsAt = start.AddDays(28).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            windowBefore = "00:45:00", windowAfter = "00:45:00", minimumInterval = "06:00:00", deviceId = StationHome.Dispenser, photoAfter = true,
        });
        Assert.True(regimen.IsSuccessStatusCode, await regimen.Content.ReadAsStringAsync());

        var tone = Enumerable.Range(0, 4410).Select(i => 0.3f * MathF.Sin(2 * MathF.PI * 660 * i / 22050f)).ToArray();
        using var sound = new ByteArrayContent(WavFile.Pcm16Mono(tone, 22050));
        sound.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var uploaded = await owner.PutAsync(Home.Api($"devices/{StationHome.Station}/sounds/dinner-bell"), sound);
        uploaded.EnsureSuccessStatusCode();
        await RaiseAlertsAsync(owner);

        await Eventually.WaitAsync(
            async () => (await owner.GetFromJsonAsync<List<JsonElement>>(Home.Api("photos"), Json))!.Count,
            count => count >= 1,
            "the photo after the first dose",
            TimeSpan.FromSeconds(30));
        using var snapshot = await owner.PostAsJsonAsync(Home.Api($"devices/{StationHome.Station}/commands"), new { kind = "snapshot" });
        snapshot.EnsureSuccessStatusCode();
        using var call = await owner.PostAsJsonAsync(Home.Api($"devices/{StationHome.Station}/commands"), new { kind = "call", args = new { sound = "dinner-bell" } });
        call.EnsureSuccessStatusCode();

        await Eventually.WaitAsync(
            async () => (await owner.GetFromJsonAsync<List<JsonElement>>(Home.Api("alerts?state=open"), Json))!,
            open => open.Any(a => a.GetProperty("severity").GetString() == "urgent"),
            "the missed dose's alert",
            TimeSpan.FromSeconds(150));
        var lowAlert = (await owner.GetFromJsonAsync<List<JsonElement>>(Home.Api("alerts?state=open"), Json))!.First(a => a.GetProperty("kind").GetString() == "capacity-low");
        (await owner.PostAsync(Home.Api($"alerts/{lowAlert.GetProperty("id").GetGuid()}/acknowledge"), JsonContent.Create(new { }))).EnsureSuccessStatusCode();

        // Enough readings that a chart is a line and not a few dots.
        await Eventually.WaitAsync(
            async () => (await owner.GetFromJsonAsync<List<ReadingView>>(Home.Api($"readings?device={StationHome.Station}&metric=temperature"), Json))!,
            readings => readings.Count > 1 && readings[^1].At - readings[0].At >= TimeSpan.FromSeconds(20),
            "twenty seconds of readings",
            TimeSpan.FromSeconds(90));
    }

    /// <summary>
    /// Alerts raised by the hub as they would be at home: a second dog's medication whose first dose falls inside the lockout
    /// the first one left (refused, then missed when its one-minute window closes: urgent), the pill dispenser refilled
    /// with one portion (runs out within a day: a warning), a spare gateway revoked (a notice); and the owner's channels.
    /// The targets are home-network names that resolve nowhere, so nothing leaves the machine.
    /// </summary>
    private async Task RaiseAlertsAsync(HttpClient owner)
    {
        using var pet = await owner.PostAsJsonAsync(Home.Api("pets"), new { name = "Biscuit", species = "dog" });
        var petId = (await pet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Late enough that the first medication's dose (three seconds after its regimen) has surely dropped.
        var start = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin).AddSeconds(15);
        using var second = await owner.PostAsJsonAsync(Home.Api("regimens"), new
        {
            petId, medication = "gabapentin", amount = "100 mg",
            schedule = new { kind = "every", every = "12:00:00" },
            startsAt = start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            endsAt = start.AddDays(14).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            windowBefore = "00:00:00", windowAfter = "00:01:00", minimumInterval = "00:00:00", deviceId = StationHome.Dispenser,
        });
        Assert.True(second.IsSuccessStatusCode, await second.Content.ReadAsStringAsync());
        (await owner.PostAsJsonAsync(Home.Api($"devices/{StationHome.Dispenser}/refill"), new { remaining = 1, capacity = 14 })).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync(Home.Api("gateways"), new { gatewayId = "garage" })).EnsureSuccessStatusCode();
        (await owner.PostAsync(Home.Api("gateways/garage/revoke"), JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync(Home.Api("members/me/channels"), new { kind = "ntfy", name = "Phone (ntfy)", url = "https://ntfy.home.arpa/willow-juno" })).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync(Home.Api("members/me/channels"), new { kind = "email", name = "Work e-mail", email = "jo@example.org", enabled = false })).EnsureSuccessStatusCode();
        (await owner.PutAsJsonAsync(Home.Api("members/me/alert-settings"), new { quietHours = new { from = "22:30", to = "06:30" } })).EnsureSuccessStatusCode();

        // The refused dispense comes before the call the home page shows last.
        await Eventually.WaitAsync(
            async () => (await owner.GetFromJsonAsync<List<JsonElement>>(Home.Api("commands?limit=20"), Json))!,
            commands => commands.Any(c => c.GetProperty("state").GetString() == "refused"),
            "the second medication's dispense refused by the lockout",
            TimeSpan.FromSeconds(40));
    }

    private static async Task DevicesReadyAsync(IPage page)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Figure, new() { Name = "Bowl" }).Locator("path.chart-line")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".photo-strip img")).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await LoadedAsync(page.Locator(".camera-view img"));
        foreach (var thumbnail in await page.Locator(".photo-strip img").AllAsync())
        {
            await thumbnail.ScrollIntoViewIfNeededAsync();
            await LoadedAsync(thumbnail);
        }

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
    }

    /// <summary>Waits until an image has really been drawn (a photo comes from the hub a moment after the page).</summary>
    private static async Task LoadedAsync(ILocator image) =>
        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth ? true : new Promise(r => img.addEventListener('load', () => r(true)))"));

    private static ILocator Tab(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static async Task<string> ShootAsync(IPage page, string name)
    {
        // A page wider than the phone makes everything scroll sideways: the commonest layout fault.
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= page.ViewportSize!.Width, $"{name} is {width} px wide in a {page.ViewportSize.Width} px window.");
        var file = Path.Combine(Folder!, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = 120_000 });
        return file;
    }
}
