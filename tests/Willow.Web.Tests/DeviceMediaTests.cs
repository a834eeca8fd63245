using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Willow.Agent.Capabilities.Speaker;
using Willow.Hub.Photos;
using Willow.Hub.Readings;
using Willow.Testing;

namespace Willow.Web.Tests;

/// <summary>
/// The Devices page of a home with a camera, sensors and a speaker, in Chromium against a real hub and gateway:
/// a photo taken and seen, the live view, the charts of what the board measures, a sound uploaded and played.
/// </summary>
[Collection(FeedingStationCollection.Name)]
public sealed partial class DeviceMediaTests(StationBrowser station)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task TakeAPhoto_ItAppears_AndTheLiveViewShowsTheCameraUntilStopped()
    {
        var page = await OwnerOnDevicesAsync(1280, 800);
        var camera = page.GetByRole(AriaRole.Region, new() { Name = "Camera of Feeding station" });

        await camera.GetByRole(AriaRole.Button, new() { Name = "Take a photo" }).ClickAsync();

        // The photo travels from the board through the gateway to the hub; on a busy machine that can take a while.
        await Assertions.Expect(camera.GetByRole(AriaRole.Status)).ToHaveTextAsync("The new photo is here.", new() { Timeout = 45_000 });
        using var owner = station.Home.Hub.OwnerClient();
        var newest = (await owner.GetFromJsonAsync<List<PhotoView>>(station.Home.Api("photos?limit=1"), Json))![0];
        var latest = camera.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Enlarge the latest photo") }).Locator("img");
        await Assertions.Expect(latest).ToHaveAttributeAsync("src", newest.Url);
        Assert.Equal(640, await NaturalWidthAsync(latest));

        // Only when asked, the live view: frames that move, until it is stopped.
        await camera.GetByRole(AriaRole.Button, new() { Name = "Watch live" }).ClickAsync();
        var live = camera.GetByRole(AriaRole.Img, new() { Name = "Live view from Feeding station" });
        await Assertions.Expect(live).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var frame = await live.GetAttributeAsync("src");
        await Assertions.Expect(live).Not.ToHaveAttributeAsync("src", frame!, new() { Timeout = 10_000 });
        Assert.Equal(640, await NaturalWidthAsync(live));

        await camera.GetByRole(AriaRole.Button, new() { Name = "Stop the live view" }).ClickAsync();
        await Assertions.Expect(camera.GetByRole(AriaRole.Status)).ToContainTextAsync("Stopped.");
        await Assertions.Expect(live).ToHaveCountAsync(0);
        await Assertions.Expect(camera.GetByRole(AriaRole.Button, new() { Name = "Watch live" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheBowlChart_HoldsEveryReadingTheHubHas_AndGrowsLiveWithoutAReload()
    {
        var page = await OwnerOnDevicesAsync(390, 844);
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        var bowl = page.GetByRole(AriaRole.Figure, new() { Name = "Bowl" });
        await Assertions.Expect(bowl.Locator("path.chart-line")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var before = ReadingCount(await bowl.Locator(".chart-summary").TextContentAsync());
        Assert.True(before > 0, "The chart's summary should count the readings drawn.");
        await Assertions.Expect(bowl.GetByRole(AriaRole.Img)).ToHaveAccessibleNameAsync(new Regex("^Lowest .* g at .*, highest .* g at .*readings since"));

        // The page has every reading the hub has, those that arrived after it loaded included, and shows the newest.
        using var owner = station.Home.Hub.OwnerClient();
        var tile = page.Locator(".sensor-value[data-metric='bowl_weight']");
        await Eventually.WaitAsync(
            async () =>
            {
                var atHub = (await owner.GetFromJsonAsync<List<ReadingView>>(station.Home.Api($"readings?device={StationHome.Station}&metric=bowl_weight"), Json))!;
                return (atHub, summary: await bowl.Locator(".chart-summary").TextContentAsync(), now: await tile.TextContentAsync());
            },
            x => ReadingCount(x.summary) == x.atHub.Count && x.atHub.Count > before && x.now!.StartsWith($"Bowl{Grams(x.atHub[^1].Value)} g", StringComparison.Ordinal),
            "the chart to hold the hub's bowl readings, newer ones than when the page opened included, and the newest one shown",
            TimeSpan.FromSeconds(30));

        // The same in a table, for a screen reader or anyone.
        await bowl.GetByText("As a table").ClickAsync();
        await Assertions.Expect(bowl.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync(" g");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "The Devices page scrolls sideways on a phone.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOwnerUploadsASound_ItIsListed_AndPlays_AndTheSpeakerSaysWords()
    {
        using var folder = new TempDirectory("sound-upload");
        var file = Path.Combine(folder.Path, "Dinner Bell.wav");
        var tone = Enumerable.Range(0, 4410).Select(i => 0.3f * MathF.Sin(2 * MathF.PI * 660 * i / 22050f)).ToArray();
        await File.WriteAllBytesAsync(file, WavFile.Pcm16Mono(tone, 22050));
        var page = await OwnerOnDevicesAsync(1280, 800);
        var speaker = page.GetByRole(AriaRole.Region, new() { Name = "Sounds of Feeding station" });

        await speaker.GetByLabel("Sound file (WAV or OGG, up to 2 MB)").SetInputFilesAsync(file);
        await Assertions.Expect(speaker.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("dinner-bell");
        var add = speaker.GetByRole(AriaRole.Button, new() { Name = "Add sound" });
        await Assertions.Expect(add).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await add.ClickAsync();

        await Assertions.Expect(speaker.GetByRole(AriaRole.Status).Filter(new() { HasText = "Added" })).ToHaveTextAsync("Added ‘dinner-bell’.", new() { Timeout = 30_000 });
        await Assertions.Expect(speaker.Locator("[data-sound='dinner-bell']")).ToBeVisibleAsync();
        await speaker.GetByRole(AriaRole.Button, new() { Name = "Play dinner-bell" }).ClickAsync();
        var played = speaker.GetByRole(AriaRole.Status).Filter(new() { HasText = "Play" });
        await Assertions.Expect(played).ToHaveTextAsync("Played ‘dinner-bell’.", new() { Timeout = 30_000 });
        Assert.Contains(station.Home.StationAgent.Speaker.Plays, p => p.Sound == "dinner-bell");

        await speaker.GetByLabel("Say…").FillAsync("Willow, dinner!");
        await speaker.GetByRole(AriaRole.Button, new() { Name = "Say it" }).ClickAsync();
        await Assertions.Expect(played).ToHaveTextAsync("Played “Willow, dinner!”.", new() { Timeout = 30_000 });
        Assert.Contains(station.Home.StationAgent.Speaker.Plays, p => p.Text == "Willow, dinner!");

        // The hub keeps the speaker's new library: it is there after a reload.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-sound='dinner-bell']")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private async Task<IPage> OwnerOnDevicesAsync(int width, int height)
    {
        var page = await station.NewPageAsync(width, height);
        await Browser.SignInAsync(page, HubSeed.OwnerEmail, HubSeed.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = "Devices" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Feeding station" })).ToBeVisibleAsync();
        return page;
    }

    private static Task<int> NaturalWidthAsync(ILocator image) =>
        image.EvaluateAsync<int>("img => img.complete && img.naturalWidth ? img.naturalWidth : new Promise(r => img.addEventListener('load', () => r(img.naturalWidth)))");

    private static int ReadingCount(string? summary) =>
        summary is not null && CountPattern().Match(summary) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    private static string Grams(double value) => Math.Round(value, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.GetCultureInfo("en-GB"));

    [GeneratedRegex(@"; (\d+) readings since")]
    private static partial Regex CountPattern();
}
