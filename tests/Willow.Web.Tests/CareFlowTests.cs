using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Willow.Hub;
using Willow.Testing;

namespace Willow.Web.Tests;

/// <summary>
/// An owner's first day in the dashboard, in Chromium against a real hub, gateway and agents: a pet, a
/// regimen and its doses, a dose given by hand and the lockout that follows, and a sitter invited by link.
/// </summary>
public sealed class CareFlowTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task CreateARegimen_ItsDosesAppear_AGivenDoseLocksFeedWithTheTimeItEnds()
    {
        var page = await browser.NewPageAsync(1280, 800);
        await Browser.SignInAsync(page, HubSeed.OwnerEmail, HubSeed.Password);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a pet" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Willow");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add pet" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Willow", Exact = true })).ToBeVisibleAsync();

        // The regimen, with the preview showing where its doses fall before anything is saved.
        await Tab(page, "Regimens").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New regimen" }).ClickAsync();
        await page.GetByLabel("Medication", new() { Exact = true }).FillAsync("clomipramine");
        await page.GetByLabel("Never twice within (h)").FillAsync("6");
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin).Date.AddDays(1);
        var preview = page.Locator(".preview-list li");
        await Assertions.Expect(preview).ToHaveCountAsync(10);
        await Assertions.Expect(preview.First).ToHaveTextAsync(Day(tomorrow) + ", 07:00");
        await Assertions.Expect(preview.Nth(1)).ToHaveTextAsync(Day(tomorrow) + ", 15:00");

        // A mistake is named at the field, in the API's words, and nothing is saved.
        await page.GetByLabel("Late by (min)").FillAsync("600");
        await Assertions.Expect(page.Locator("#windowAfter-error")).ToContainTextAsync("must be shorter than the time between doses");
        await page.GetByLabel("Late by (min)").FillAsync("45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create regimen" }).ClickAsync();

        var card = page.Locator(".regimen").Filter(new() { HasText = "clomipramine" });
        await Assertions.Expect(card).ToContainTextAsync("every 8 h");
        await Assertions.Expect(card).ToContainTextAsync($"Next dose tomorrow 07:00");

        // Its doses are on the calendar.
        await Tab(page, "Doses").ClickAsync();
        if (tomorrow.DayOfWeek == DayOfWeek.Monday)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Next week" }).ClickAsync();
        }

        var day = page.GetByRole(AriaRole.Listitem, new() { Name = Day(tomorrow) });
        await Assertions.Expect(day.Locator(".dose-chip")).ToHaveCountAsync(3);
        await Assertions.Expect(day.Locator(".dose-chip").First).ToContainTextAsync("07:00");
        await Assertions.Expect(day.Locator(".dose-chip").First).ToContainTextAsync("Willow · clomipramine");
        await Assertions.Expect(day.Locator(".dose-chip").First).ToContainTextAsync("Scheduled");

        // Choosing a dose brings its details into view, below the whole week.
        await day.Locator(".dose-chip").First.ClickAsync();
        var details = page.GetByRole(AriaRole.Heading, new() { Name = "Willow: 1 tablet clomipramine" });
        await Assertions.Expect(details).ToBeInViewportAsync();
        await Assertions.Expect(details).ToBeFocusedAsync();

        // An extra dose by hand: asked for, given, and then the lockout shows on the button with its end.
        await Tab(page, "Home").ClickAsync();
        var give = page.GetByRole(AriaRole.Button, new() { Name = "Give medication" });
        await give.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Give it now" }).ClickAsync();
        await Assertions.Expect(page.Locator("li.command").First.GetByTestId("command-state")).ToHaveTextAsync("Succeeded", new() { Timeout = 15_000 });

        await Assertions.Expect(give).ToBeDisabledAsync(new() { Timeout = 10_000 });
        using var owner = browser.Home.Hub.OwnerClient();
        var device = (await owner.GetFromJsonAsync(browser.Home.Hub.DevicePath(TestHome.Dispenser), HubJsonContext.Default.DeviceView))!;
        Assert.NotNull(device.LockedUntil);
        Assert.InRange(device.LockedUntil.Value - DateTimeOffset.UtcNow, TimeSpan.FromHours(5.9), TimeSpan.FromHours(6));
        var ends = TimeZoneInfo.ConvertTime(device.LockedUntil.Value, Berlin).ToString("HH:mm", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByTestId("lockout")).ToContainTextAsync($"Locked until {ends} (in 5 h 59 min)");
        Assert.Single(browser.Home.DispenserAgent.Servo.Movements, m => m.ToDegrees > 0);
    }

    [Fact]
    public async Task AnInvitationLink_ANewPersonSignsUpAndJoins_AsCaregiverUntilTheDateChosen()
    {
        var owner = await browser.NewPageAsync(1280, 800);
        await Browser.SignInAsync(owner, HubSeed.OwnerEmail, HubSeed.Password);
        await Tab(owner, "People").ClickAsync();
        var until = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin).Date.AddDays(7);
        await owner.GetByLabel("Until (optional)").FillAsync(until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await owner.GetByLabel("Note").FillAsync("Sam, pet sitter");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        var link = await owner.GetByLabel("Invitation link").InputValueAsync();
        Assert.StartsWith(browser.Home.Hub.Url.TrimEnd('/') + "/join?code=", link, StringComparison.Ordinal);

        var sitter = await browser.NewPageAsync();
        await sitter.GotoAsync(link);
        await Assertions.Expect(sitter.GetByRole(AriaRole.Heading, new() { Name = "Create your Willow account" })).ToBeVisibleAsync();
        await sitter.GetByLabel("Your name").FillAsync("Sam");
        await sitter.GetByLabel("E-mail").FillAsync("sam@example.org");
        await sitter.GetByLabel("Password").FillAsync("a long sitter password");
        await sitter.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await sitter.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();

        // In the household at once, allowed to act (Call: the dispenser's button depends on the other test's
        // regimen), and listed as the owner chose.
        await Assertions.Expect(sitter.GetByRole(AriaRole.Button, new() { Name = "Call" })).ToBeEnabledAsync();
        Assert.Equal(0, await sitter.GetByTestId("viewer-note").CountAsync());
        Assert.Equal(browser.Home.Hub.Url.TrimEnd('/') + "/", sitter.Url);
        await owner.ReloadAsync();
        var row = owner.GetByRole(AriaRole.Region, new() { Name = "Members" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "sam@example.org" });
        await Assertions.Expect(row.GetByRole(AriaRole.Combobox)).ToHaveValueAsync("caregiver");
        await Assertions.Expect(row).ToContainTextAsync($"end of {until:yyyy-MM-dd}");
    }

    private static ILocator Tab(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static string Day(DateTime date) =>
        $"{date.ToString("ddd", CultureInfo.GetCultureInfo("en-GB"))} {date.Day} {date.ToString("MMM", CultureInfo.GetCultureInfo("en-GB"))}";
}
