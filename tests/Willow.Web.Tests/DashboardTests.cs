using Microsoft.Playwright;
using Willow.Hub.Households;
using Willow.Testing;

namespace Willow.Web.Tests;

/// <summary>The dashboard in Chromium against a real hub, gateway and agents: what a person sees and presses.</summary>
public sealed class DashboardTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task SignIn_PressFeed_TheCommandReachesSucceededOnScreen_WithoutAReload()
    {
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, HubSeed.OwnerEmail, HubSeed.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recent commands" })).ToBeVisibleAsync();

        // A marker on the window survives only if the page is never reloaded.
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        var feed = page.GetByRole(AriaRole.Button, new() { Name = "Feed" }).Filter(new() { HasText = TestHome.Dispenser });
        await Assertions.Expect(feed).ToBeEnabledAsync();
        await feed.ClickAsync();

        var command = page.Locator("li.command").First;
        await Assertions.Expect(command).ToContainTextAsync($"Dispense on {TestHome.Dispenser}");
        await Assertions.Expect(command.GetByTestId("command-state")).ToHaveTextAsync("Succeeded", new() { Timeout = 15_000 });
        await Assertions.Expect(command).ToContainTextAsync("Released 1 portion");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));

        // And the servo really moved, once.
        Assert.Single(browser.Home.DispenserAgent.Servo.Movements, m => m.ToDegrees > 0);
    }

    [Fact]
    public async Task Viewer_SeesTheHome_ButNoFeedButton()
    {
        var vet = await browser.Home.Hub.AddPersonAsync(HouseholdRole.Viewer);
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, vet.Email, HubSeed.Password);

        await Assertions.Expect(page.GetByTestId("viewer-note")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Devices" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Feed" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Call" }).CountAsync());
    }

    [Fact]
    public async Task WrongPassword_SaysSo_AndStaysOnSignIn()
    {
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, HubSeed.OwnerEmail, "not the password");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong e-mail or password");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AReloadedPage_KeepsTheSession_AndSigningOutEndsIt()
    {
        var page = await browser.NewPageAsync(1280, 800);
        await Browser.SignInAsync(page, HubSeed.OwnerEmail, HubSeed.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Devices" })).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Devices" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Willow" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Willow" })).ToBeVisibleAsync();
    }
}
