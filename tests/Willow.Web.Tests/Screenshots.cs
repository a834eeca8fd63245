using System.Net.Http.Json;
using Microsoft.Playwright;
using Willow.Testing;

namespace Willow.Web.Tests;

/// <summary>
/// Every page at a phone's (390×844) and a desktop's (1280×800) size, light and dark, for people to look at.
/// Written to artifacts/screenshots; <c>scripts/screenshots.sh</c> writes them to docs/screenshots instead.
/// </summary>
public sealed class Screenshots(Browser browser) : IClassFixture<Browser>
{
    private static readonly string Folder = Environment.GetEnvironmentVariable("WILLOW_SCREENSHOTS_DIR") is { Length: > 0 } dir
        ? dir
        : Repository.PathTo("artifacts", "screenshots");

    [Fact]
    public async Task EveryPage_AtPhoneAndDesktopSize()
    {
        Directory.CreateDirectory(Folder);
        await GiveTheHomeSomeLifeAsync();
        var written = new List<string>();
        foreach (var (name, width, height, scheme) in new[] { ("phone", 390, 844, "light"), ("desktop", 1280, 800, "light"), ("phone-dark", 390, 844, "dark") })
        {
            var page = await browser.NewPageAsync(width, height, scheme);
            await page.GotoAsync("/");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Willow" })).ToBeVisibleAsync();
            written.Add(await ShootAsync(page, $"sign-in-{name}"));

            await Browser.SignInAsync(page, HubSeed.OwnerEmail, HubSeed.Password);
            await Assertions.Expect(page.Locator("li.command").First.GetByTestId("command-state")).ToHaveTextAsync("Succeeded", new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByTestId("next-dose-countdown")).ToBeVisibleAsync();
            written.Add(await ShootAsync(page, $"home-{name}"));
            if (scheme == "dark")
            {
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
                await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = tab }).ClickAsync();
                await Assertions.Expect(ready).ToBeVisibleAsync();
                written.Add(await ShootAsync(page, $"{tab.ToLowerInvariant()}-{name}"));
            }

            await page.GetByRole(AriaRole.Link, new() { Name = "Regimens" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "New regimen" }).ClickAsync();
            await page.GetByLabel("Medication").FillAsync("gabapentin");
            await Assertions.Expect(page.Locator(".preview-list li")).ToHaveCountAsync(10);
            written.Add(await ShootAsync(page, $"regimen-editor-{name}"));
            await page.Context.CloseAsync();
        }

        Assert.All(written, file => Assert.True(new FileInfo(file).Length > 10_000, $"{file} is suspiciously small"));
    }

    private async Task GiveTheHomeSomeLifeAsync()
    {
        using var owner = browser.Home.Hub.OwnerClient();
        var household = $"api/v1/households/{browser.Home.Hub.HouseholdId}";
        using var pet = await owner.PostAsJsonAsync($"{household}/pets", new { name = "Willow", species = "dog" });
        var petId = (await pet.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["id"].ToString();
        using var invitation = await owner.PostAsJsonAsync($"{household}/invitations", new { role = "caregiver", membershipEndsAt = DateTimeOffset.UtcNow.AddDays(7), note = "Sam, pet sitter" });
        invitation.EnsureSuccessStatusCode();
        var start = DateTime.UtcNow.AddMinutes(-5);
        using var regimen = await owner.PostAsJsonAsync($"{household}/regimens", new
        {
            petId, medication = "clomipramine", amount = "1 tablet",
            schedule = new { kind = "every", every = "08:00:00" },
            startsAt = start.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm"), endsAt = start.AddDays(28).ToString("yyyy-MM-dd'T'HH:mm"),
            windowBefore = "00:45:00", windowAfter = "00:45:00", minimumInterval = "06:00:00", deviceId = TestHome.Dispenser,
        });
        regimen.EnsureSuccessStatusCode();
        using var call = await owner.PostAsJsonAsync($"{household}/devices/{TestHome.Speaker}/commands", new { kind = "call" });
        using var feed = await owner.PostAsJsonAsync($"{household}/devices/{TestHome.Dispenser}/commands", new { kind = "dispense" });
        feed.EnsureSuccessStatusCode();
    }

    private static async Task<string> ShootAsync(IPage page, string name)
    {
        // A page wider than the phone makes everything scroll sideways: the commonest layout fault.
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= page.ViewportSize!.Width, $"{name} is {width} px wide in a {page.ViewportSize.Width} px window.");
        var file = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }
}
