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
        RequireBuiltDashboard();
        Home = await TestHome.StartAsync(
            new Dictionary<string, string?> { ["Dispenser:MinimumInterval"] = "00:00:00" },
            hubSettings: new Dictionary<string, string?> { ["Dashboard:WebRoot"] = WebRoot });
        _playwright = await Playwright.CreateAsync();
        Chromium = await LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser profile (no cookies) at a phone's or a desktop's size.</summary>
    public Task<IPage> NewPageAsync(int width = 390, int height = 844, string colorScheme = "light") =>
        NewPageAsync(Chromium, Home.Hub.Url, width, height, colorScheme);

    public static void RequireBuiltDashboard()
    {
        if (!File.Exists(Path.Combine(WebRoot, "index.html")))
        {
            throw new InvalidOperationException($"The dashboard is not built: no {WebRoot}/index.html. Run 'npm ci && npm run build' in web/ (scripts/test.sh does).");
        }
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
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

    public static async Task<IPage> NewPageAsync(IBrowser chromium, string hubUrl, int width, int height, string colorScheme)
    {
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = hubUrl,
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
