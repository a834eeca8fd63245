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

    [Fact]
    public async Task Installable_ManifestWithIcons_AndAServiceWorkerThatLeavesTheApiAlone()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var scope = await page.EvaluateAsync<string>("async () => (await navigator.serviceWorker.ready).scope");
        Assert.Equal(browser.Home.Hub.Url.TrimEnd('/') + "/", scope);

        var manifest = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "async () => await (await fetch(document.querySelector('link[rel=manifest]').href)).json()");
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        var sizes = manifest.GetProperty("icons").EnumerateArray().Select(i => i.GetProperty("sizes").GetString()).ToList();
        Assert.Contains("192x192", sizes);
        Assert.Contains("512x512", sizes);

        // Once the worker controls the page, the API still answers from the hub (401 before sign-in), not from a cache.
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller !== null"));
        Assert.Equal(401, await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/account')).status"));
    }

    [Fact]
    public async Task KeyboardOnly_TheSkipLinkThenTabAndEnter_CallTheDog()
    {
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, HubSeed.OwnerEmail, HubSeed.Password);
        var call = page.GetByRole(AriaRole.Button, new() { Name = "Call" });
        await Assertions.Expect(call).ToBeEnabledAsync();
        var plays = browser.Home.SpeakerAgent.Speaker.Plays.Count;

        // The first Tab lands on the skip link, which jumps past the header and the page tabs.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        for (var presses = 0; presses < 20 && !await call.EvaluateAsync<bool>("b => b === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(call).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("li.command").Filter(new() { HasText = "Call on" }).First.GetByTestId("command-state"))
            .ToHaveTextAsync("Succeeded", new() { Timeout = 15_000 });
        await Eventually.WaitAsync(() => browser.Home.SpeakerAgent.Speaker.Plays.Count == plays + 1, "the speaker to play once");
    }

    [Fact]
    public async Task OnA360pxPhone_EveryTabFits_AndNoPageScrollsSideways()
    {
        var page = await browser.NewPageAsync(360, 740);
        await Browser.SignInAsync(page, HubSeed.OwnerEmail, HubSeed.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Devices" })).ToBeVisibleAsync();
        var tabs = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link);

        var last = await tabs.Last.BoundingBoxAsync();
        Assert.True(last!.X + last.Width <= 360, $"The last tab ends at {last.X + last.Width} px in a 360 px window.");
        foreach (var tab in await tabs.AllAsync())
        {
            var name = await tab.InnerTextAsync();
            await tab.ClickAsync();
            await Assertions.Expect(tab).ToHaveAttributeAsync("aria-current", "page");
            await Assertions.Expect(page.Locator("main h1, main h2").First).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            // A page wider than the phone scrolls sideways: the commonest layout fault on a phone.
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 360, $"The {name} page is {width} px wide in a 360 px window.");
        }

        // Nor is anything squeezed into a column a letter wide: the members read as a list, a button's word on one line.
        await tabs.Filter(new() { HasText = "People" }).ClickAsync();
        var remove = await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).First.BoundingBoxAsync();
        Assert.True(remove!.Width > remove.Height, $"The Remove button is {remove.Width}×{remove.Height} px.");
        var email = await page.GetByText(HubSeed.OwnerEmail).First.BoundingBoxAsync();
        Assert.True(email!.Height < 30, $"The owner's e-mail address takes {email.Height} px: it is broken over lines.");
    }

    [Fact]
    public async Task APage_KeepsOneLiveConnection_SharedWithTheNavsAlertCount()
    {
        var page = await browser.NewPageAsync();
        var live = new List<string>();
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/hubs/live", StringComparison.Ordinal))
            {
                lock (live)
                {
                    live.Add(socket.Url);
                }
            }
        };
        await Browser.SignInAsync(page, HubSeed.OwnerEmail, HubSeed.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Call" })).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("span.live.on")).ToHaveTextAsync("live");
        await page.WaitForTimeoutAsync(1000);

        // A phone on a mobile network keeps one socket to the hub per page, not one per part of the page.
        lock (live)
        {
            Assert.Single(live);
        }
    }
}
