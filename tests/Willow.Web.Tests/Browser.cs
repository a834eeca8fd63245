using Microsoft.Playwright;
using Willow.Testing;

namespace Willow.Web.Tests;

/// <summary>
/// A real home (hub serving the built dashboard, gateway, agents) and Debian's Chromium driven by
/// Playwright, headless and kept off the network but for loopback.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;

    public TestHome Home { get; private set; } = null!;

    public IBrowserContext? Context { get; private set; }

    public IBrowser Chromium { get; private set; } = null!;

    public static string WebRoot => Repository.PathTo("web", "dist");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Path.Combine(WebRoot, "index.html")))
        {
            throw new InvalidOperationException($"The dashboard is not built: no {WebRoot}/index.html. Run 'npm ci && npm run build' in web/ (scripts/test.sh does).");
        }

        Home = await TestHome.StartAsync(
            new Dictionary<string, string?> { ["Dispenser:MinimumInterval"] = "00:00:00" },
            hubSettings: new Dictionary<string, string?> { ["Dashboard:WebRoot"] = WebRoot });
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],

            // Playwright gives every launch a fresh profile directory of its own (it refuses --user-data-dir).
        });
    }

    /// <summary>A fresh browser profile (no cookies) at a phone's or a desktop's size.</summary>
    public async Task<IPage> NewPageAsync(int width = 390, int height = 844, string colorScheme = "light")
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Home.Hub.Url,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            TimezoneId = "Europe/Berlin",
        });
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
        await Home.DisposeAsync();
    }
}
