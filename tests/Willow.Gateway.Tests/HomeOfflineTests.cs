using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Core.Regimens;
using Willow.Gateway.Doses;
using Willow.Hub;
using Willow.Testing;

namespace Willow.Gateway.Tests;

/// <summary>
/// A week-long course with the hub unreachable for three days in the middle: the hub, the gateway and
/// the agents share one fake clock that the test moves forward, and talk over real loopback sockets.
/// </summary>
public sealed class HomeOfflineTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task HubUnreachableForThreeDays_DosesContinueAtHome_AndEveryOutcomeReachesTheHubOnce()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var time = new FakeTimeProvider(LocalTimes.ToInstant(start, Berlin).AddHours(-2));
        await using var home = await TestHome.StartAsync(
            new Dictionary<string, string?> { ["Dispenser:Dwell"] = "00:00:00", ["Dispenser:ReturnTravel"] = "00:00:00" }, time);
        var regimen = await CreateRegimenAsync(home, start);
        await Eventually.WaitAsync(() => home.Gateway.Services<RegimenBook>().Plans.Count == 1, "the gateway to receive the regimen");

        var end = LocalTimes.ToInstant(start.AddDays(7), Berlin);
        var outageStart = LocalTimes.ToInstant(start.AddDays(2), Berlin);
        await RunUntilAsync(home, time, outageStart, hubUp: true);

        var port = await home.StopHubAsync();
        await RunUntilAsync(home, time, outageStart.AddDays(3), hubUp: false);
        var givenWhileAway = home.Releases;

        await home.RestartHubAsync(port);
        await RunUntilAsync(home, time, end.AddHours(1), hubUp: true);

        // Everything the home did is at the hub, once, and agrees with the home's own record.
        Assert.Equal(21, home.Releases);
        Assert.True(givenWhileAway >= 15, $"only {givenWhileAway} given by the end of the outage");
        using var client = home.Hub.OwnerClient();
        var doses = (await client.GetFromJsonAsync(
            $"api/v1/households/{home.Hub.HouseholdId}/doses?regimen={regimen}&from={Uri.EscapeDataString(LocalTimes.ToInstant(start, Berlin).ToString("O"))}&to={Uri.EscapeDataString(end.ToString("O"))}",
            HubJsonContext.Default.IReadOnlyListDoseView))!;
        Assert.Equal(21, doses.Count);
        foreach (var dose in doses)
        {
            var atHome = home.Gateway.Journal.FindDose(dose.Id);
            Assert.NotNull(atHome);
            Assert.Equal(atHome.State.ToDoseState(), dose.State);
            Assert.Equal(DoseState.Dispensed, dose.State);
            Assert.Single(dose.Events, e => e.State == DoseState.Dispensed);
            Assert.Equal(atHome.CommandId, dose.CommandId);
        }

        // The commands the home issued itself are at the hub too, each finished once.
        var commands = (await client.GetFromJsonAsync($"api/v1/households/{home.Hub.HouseholdId}/commands?limit=200", HubJsonContext.Default.IReadOnlyListCommandView))!;
        Assert.Equal(21, commands.Count(c => c.DoseId is not null && c.State == CommandState.Succeeded));
        Assert.All(commands.Where(c => c.DoseId is not null), c => Assert.Single(c.Events, e => e.State == CommandState.Succeeded));
    }

    private static async Task<Guid> CreateRegimenAsync(TestHome home, DateTime start)
    {
        using var client = home.Hub.OwnerClient();
        var pet = await client.PostAsJsonAsync($"api/v1/households/{home.Hub.HouseholdId}/pets", new Hub.Pets.CreatePetRequest { Name = "Willow" }, HubJsonContext.Default.CreatePetRequest);
        var petId = (await pet.Content.ReadFromJsonAsync(HubJsonContext.Default.PetView))!.Id;
        var request = new Hub.Regimens.RegimenRequest
        {
            PetId = petId,
            Medication = "clomipramine",
            Amount = "1 tablet",
            Schedule = new Hub.Regimens.ScheduleRequest { Kind = ScheduleKinds.Every, Every = TimeSpan.FromHours(8) },
            StartsAt = start.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            EndsAt = start.AddDays(7).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            WindowBefore = TimeSpan.FromMinutes(45),
            WindowAfter = TimeSpan.FromMinutes(45),
            MinimumInterval = TimeSpan.FromHours(6),
            DeviceId = TestHome.Dispenser,
        };
        using var response = await client.PostAsJsonAsync($"api/v1/households/{home.Hub.HouseholdId}/regimens", request, HubJsonContext.Default.RegimenRequest);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.RegimenView))!.Id;
    }

    /// <summary>
    /// Moves the shared clock forward in steps of half an hour (shorter than a dose window); after each, lets time trickle on a second
    /// at a time until the home has settled (nothing in flight; with the hub up, nothing waiting to be sent).
    /// </summary>
    private static async Task RunUntilAsync(TestHome home, FakeTimeProvider time, DateTimeOffset until, bool hubUp)
    {
        while (time.GetUtcNow() < until)
        {
            time.Advance(TimeSpan.FromMinutes(30));
            for (var i = 0; ; i++)
            {
                await Task.Delay(10);
                var settled = home.Gateway.Journal.DosesInFlight().Count == 0 && (!hubUp || home.Gateway.Journal.OutboxCount() == 0);
                if (settled && i > 1)
                {
                    break;
                }

                if (i > 600)
                {
                    throw new TimeoutException($"The home did not settle at {time.GetUtcNow():u}: {home.Gateway.Journal.DosesInFlight().Count} dose(s) in flight, {home.Gateway.Journal.OutboxCount()} report(s) waiting.");
                }

                time.Advance(TimeSpan.FromSeconds(1));
            }
        }
    }
}
