using Microsoft.Playwright;

namespace Willow.Web.Tests;

/// <summary>Chromium against a <see cref="StationHome"/>: a home with a camera, sensors and a speaker.</summary>
public sealed class StationBrowser : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    public StationHome Home { get; private set; } = null!;

    public IBrowser Chromium { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Browser.RequireBuiltDashboard();
        Home = await StationHome.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Chromium = await Browser.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser profile (no cookies) at a phone's or a desktop's size.</summary>
    public Task<IPage> NewPageAsync(int width = 390, int height = 844, string colorScheme = "light") =>
        Browser.NewPageAsync(Chromium, Home.Hub.Url, width, height, colorScheme);

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
        await Home.DisposeAsync();
    }
}
