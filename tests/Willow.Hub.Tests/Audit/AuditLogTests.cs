using System.Net;
using System.Text.Json;
using Willow.Hub.Households;

namespace Willow.Hub.Tests.Audit;

/// <summary>What an owner reads in the audit log: who fed, who overrode a lockout and why, who changed a regimen, with which credential.</summary>
public sealed class AuditLogTests : HubTestBase
{
    private string Household => $"api/v1/households/{Hub.HouseholdId}";

    [Fact]
    public async Task LockoutOverride_IsOwnersOnly_AndTheLogNamesWhoAndWhy()
    {
        var sitter = await Hub.AddPersonAsync(HouseholdRole.Caregiver);
        using var sitterClient = Hub.Client(sitter.Token);
        const string Override = "{\"kind\":\"dispense\",\"lockoutOverride\":{\"reason\":\"she dropped the first one\"}}";
        using (var refused = await sitterClient.PostJsonAsync($"{Household}/devices/{Dispenser}/commands", Override))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Only an owner can override a lockout", await refused.ProblemTitleAsync());
        }

        using var owner = Hub.OwnerClient();
        using (var overridden = await owner.PostJsonAsync($"{Household}/devices/{Dispenser}/commands", Override))
        {
            Assert.Equal(HttpStatusCode.Accepted, overridden.StatusCode);
        }

        var entries = await AuditAsync(owner);
        var entry = Assert.Single(entries, e => e.GetProperty("action").GetString() == "lockout.overridden");
        Assert.Equal(Willow.Testing.HubSeed.OwnerEmail, entry.GetProperty("actor").GetString());
        Assert.Equal(Dispenser, entry.GetProperty("target").GetString());
        Assert.Contains("she dropped the first one", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("token:", entry.GetProperty("via").GetString(), StringComparison.Ordinal);

        // The refused attempt issued nothing and left no command behind.
        Assert.Single(entries, e => e.GetProperty("action").GetString() == "command.issued");
        Assert.Single(await Hub.CommandsAsync());
    }

    [Fact]
    public async Task RegimenCreatedAndChanged_AreLoggedWithTheMedication()
    {
        using var owner = Hub.OwnerClient();
        using var pet = await owner.PostJsonAsync($"{Household}/pets", "{\"name\":\"Willow\"}");
        var petId = JsonDocument.Parse(await pet.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        string Body(string every) => $$"""
            {"petId":"{{petId}}","medication":"clomipramine","amount":"1 tablet","schedule":{"kind":"every","every":"{{every}}"},
             "startsAt":"{{DateTime.UtcNow.AddDays(1):yyyy-MM-dd}}T07:00","endsAt":"{{DateTime.UtcNow.AddDays(29):yyyy-MM-dd}}T07:00",
             "windowBefore":"00:45:00","windowAfter":"00:45:00","minimumInterval":"06:00:00","deviceId":"{{Dispenser}}"}
            """;
        using var created = await owner.PostJsonAsync($"{Household}/regimens", Body("08:00:00"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var changed = await owner.SendJsonAsync(HttpMethod.Put, $"{Household}/regimens/{id}", Body("12:00:00"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var entries = await AuditAsync(owner);
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "regimen.created"
            && e.GetProperty("target").GetString() == $"Willow: clomipramine ({id})" && e.GetProperty("detail").GetString()!.Contains("every 8 h", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "regimen.changed"
            && e.GetProperty("target").GetString() == $"Willow: clomipramine ({id})" && e.GetProperty("detail").GetString()!.Contains("every 12 h", StringComparison.Ordinal));

        // Newest first, and paged.
        Assert.Equal("regimen.changed", entries[0].GetProperty("action").GetString());
        var page = JsonDocument.Parse(await owner.GetStringAsync($"{Household}/audit?limit=1")).RootElement;
        Assert.Equal(1, page.GetArrayLength());
        var before = page[0].GetProperty("sequence").GetInt64();
        var next = JsonDocument.Parse(await owner.GetStringAsync($"{Household}/audit?limit=1&before={before}")).RootElement;
        Assert.Equal("regimen.created", next[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task TheNeighboursAuditLog_IsNotThere()
    {
        using var neighbour = Hub.Client(Hub.Identity.OtherApiToken);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"{Household}/audit")).StatusCode);
    }

    private async Task<List<JsonElement>> AuditAsync(HttpClient owner) =>
        [.. JsonDocument.Parse(await owner.GetStringAsync($"{Household}/audit")).RootElement.EnumerateArray()];
}
