using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Willow.Hub.Audit;
using Willow.Hub.Households;
using Willow.Testing;

namespace Willow.Web.Tests;

/// <summary>
/// A scheduled dose that the camera photographs, shown on the pet's card; then the lockout it leaves, which an owner
/// may override with a reason and a caregiver is not offered. In Chromium against a real hub, gateway and agents.
/// </summary>
[Collection(FeedingStationCollection.Name)]
public sealed class DoseLockoutTests(StationBrowser station)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task AScheduledDosesPhoto_IsOnThePetsCard_ThenAnOwnerOverridesTheLockoutWithAReason_AndACaregiverIsNotOffered()
    {
        using var owner = station.Home.Hub.OwnerClient();
        await DoseDueNowWithAPhotoAfterAsync(owner);
        var page = await station.NewPageAsync();
        await Browser.SignInAsync(page, HubSeed.OwnerEmail, HubSeed.Password);

        // The gateway gives the dose (its window is open), the camera photographs it, and the card shows the photo.
        var card = page.GetByRole(AriaRole.Article, new() { Name = "Willow" });
        var thumbnail = card.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Enlarge the photo after Willow's clomipramine") });
        await Assertions.Expect(thumbnail).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var doses = (await owner.GetFromJsonAsync<List<JsonElement>>(station.Home.Api(DosesQuery()), Json))!;
        var given = Assert.Single(doses, d => d.GetProperty("state").GetString() == "dispensed");
        var photoId = given.GetProperty("photoId").GetGuid();
        await Assertions.Expect(thumbnail.Locator("img")).ToHaveAttributeAsync("src", $"/{station.Home.Api($"photos/{photoId}")}");
        await thumbnail.ClickAsync();
        var enlarged = page.GetByRole(AriaRole.Dialog, new() { Name = "Willow after clomipramine" });
        await Assertions.Expect(enlarged).ToContainTextAsync("Given · 1 tablet clomipramine");
        Assert.Equal(640, await enlarged.GetByRole(AriaRole.Img).EvaluateAsync<int>(
            "img => img.complete && img.naturalWidth ? img.naturalWidth : new Promise(r => img.addEventListener('load', () => r(img.naturalWidth)))"));
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(enlarged).ToHaveCountAsync(0);
        await Assertions.Expect(thumbnail).ToBeFocusedAsync();

        // Inside the lockout the button is disabled; the owner may still give one, saying why.
        var give = page.GetByRole(AriaRole.Button, new() { Name = "Give medication" });
        await Assertions.Expect(give).ToBeDisabledAsync(new() { Timeout = 10_000 });
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Give anyway") }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Give a dose inside the lockout?" });
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Give anyway" })).ToBeDisabledAsync();
        await dialog.GetByLabel("Why it is needed (required)").FillAsync("She spat the first one out");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Give anyway" }).ClickAsync();

        var overridden = page.Locator("li.command").Filter(new() { Has = page.GetByTestId("override") });
        await Assertions.Expect(overridden.GetByTestId("command-state")).ToHaveTextAsync("Succeeded", new() { Timeout = 15_000 });
        await Assertions.Expect(overridden.GetByTestId("override")).ToHaveTextAsync($"Lockout overridden by {HubSeed.OwnerEmail}: “She spat the first one out”");
        Assert.Equal(2, station.Home.DispenserAgent.Servo.Movements.Count(m => m.ToDegrees > 0));
        var audit = (await owner.GetFromJsonAsync<List<AuditView>>(station.Home.Api("audit"), Json))!;
        Assert.Contains(audit, e => e.Detail?.Contains("She spat the first one out", StringComparison.Ordinal) == true);

        // A caregiver sees the lockout, and no way round it.
        var sitter = await station.Home.Hub.AddPersonAsync(HouseholdRole.Caregiver);
        var sitterPage = await station.NewPageAsync();
        await Browser.SignInAsync(sitterPage, sitter.Email, HubSeed.Password);
        await Assertions.Expect(sitterPage.GetByTestId("lockout")).ToContainTextAsync("Locked until");
        await Assertions.Expect(sitterPage.GetByRole(AriaRole.Button, new() { Name = "Give medication" })).ToBeDisabledAsync();
        Assert.Equal(0, await sitterPage.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Give anyway") }).CountAsync());
        await sitterPage.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>A pet and a regimen whose first dose is due in a few seconds (a dose is due only after its regimen was made), with a photo after it.</summary>
    private async Task DoseDueNowWithAPhotoAfterAsync(HttpClient owner)
    {
        using var pet = await owner.PostAsJsonAsync(station.Home.Api("pets"), new { name = "Willow", species = "dog" });
        pet.EnsureSuccessStatusCode();
        var petId = (await pet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin).AddSeconds(4);
        using var regimen = await owner.PostAsJsonAsync(station.Home.Api("regimens"), new
        {
            petId, medication = "clomipramine", amount = "1 tablet",
            schedule = new { kind = "every", every = "08:00:00" },
            startsAt = local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            windowBefore = "00:45:00", windowAfter = "00:45:00", minimumInterval = "06:00:00",
            deviceId = StationHome.Dispenser, photoAfter = true,
        });
        Assert.True(regimen.IsSuccessStatusCode, await regimen.Content.ReadAsStringAsync());
    }

    private static string DosesQuery()
    {
        var now = DateTimeOffset.UtcNow;
        return $"doses?from={Uri.EscapeDataString(now.AddHours(-2).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(now.AddHours(2).ToString("O", CultureInfo.InvariantCulture))}";
    }
}
