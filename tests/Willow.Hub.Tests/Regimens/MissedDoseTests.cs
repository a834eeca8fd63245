using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Core.Protocol;
using Willow.Core.Regimens;
using Willow.Hub.Doses;
using Willow.Testing;

namespace Willow.Hub.Tests.Regimens;

/// <summary>The hub presumes a dose missed only after its window closed with no word from the home; the home's word wins.</summary>
public sealed class MissedDoseTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("missed");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero));
    private HubHost _hub = null!;
    private TestGateway _gateway = null!;
    private Guid _regimenId;
    private Guid _petId;

    public async ValueTask InitializeAsync()
    {
        // The test runs the scan itself; the background round would race it as the fake clock moves.
        _hub = await HubHost.StartAsync(
            _directory, new Dictionary<string, string?> { ["Doses:ScanInterval"] = "7.00:00:00" }, b => b.Services.AddSingleton<TimeProvider>(_time));
        _gateway = await TestGateway.ConnectAsync(_hub);
        await _gateway.ReportDevicesAsync(("pill-dispenser", Capability.Dispenser, true));
        using var client = _hub.OwnerClient();
        var pet = await (await client.PostJsonAsync($"api/v1/households/{_hub.HouseholdId}/pets", "{\"name\":\"Willow\"}")).Content.ReadFromJsonAsync(HubJsonContext.Default.PetView);
        using var response = await client.PostJsonAsync(
            $"api/v1/households/{_hub.HouseholdId}/regimens",
            $$"""{"petId":"{{pet!.Id}}","medication":"clomipramine","amount":"1 tablet","schedule":{"kind":"every","every":"08:00:00"},"startsAt":"2026-12-01T07:00","windowBefore":"00:45:00","windowAfter":"00:45:00","minimumInterval":"06:00:00","deviceId":"pill-dispenser"}""");
        _regimenId = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.RegimenView))!.Id;
        _petId = pet.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _hub.DisposeAsync();
        _directory.Dispose();
    }

    private Guid FirstDose => DoseIds.For(_regimenId, new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));

    private Task<int> ScanAsync() => _hub.Service<MissedDoseDetector>().ScanAsync(default);

    private async Task<DoseView> DoseAsync()
    {
        using var client = _hub.OwnerClient();
        return (await client.GetFromJsonAsync($"api/v1/households/{_hub.HouseholdId}/doses/{FirstDose}", HubJsonContext.Default.DoseView))!;
    }

    [Fact]
    public async Task WindowStillOpenOrWithinGrace_NothingPresumed()
    {
        // The window closes at 06:45; the hub waits five more minutes for the home to speak.
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 6, 49, 0, TimeSpan.Zero));
        Assert.Equal(0, await ScanAsync());
        Assert.Equal(DoseState.Scheduled, (await DoseAsync()).State);
    }

    [Fact]
    public async Task WindowClosedWithNoWordFromTheHome_PresumedMissed_ThenTheHomesReportWinsAndBothAreKept()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await ScanAsync());
        var missed = await DoseAsync();
        Assert.Equal(DoseState.Missed, missed.State);
        Assert.Equal(EventSource.Hub, missed.StateSource);
        Assert.Equal(0, await ScanAsync());

        // The gateway was offline; it gave the dose on time and says so now.
        await _gateway.ReportDosesAsync(new DoseReport(FirstDose, _regimenId, new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), DoseState.Dispensed, Guid.NewGuid(), new DateTimeOffset(2026, 12, 1, 6, 0, 2, TimeSpan.Zero), "Released 1 portion."));

        var dose = await DoseAsync();
        Assert.Equal(DoseState.Dispensed, dose.State);
        Assert.Equal([DoseState.Missed, DoseState.Dispensed], dose.Events.Select(e => e.State));
        Assert.Contains("what the home did stands", dose.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adherence_ADoseGivenWhileItsWindowIsStillOpen_CountsAsDueAndGiven()
    {
        // 06:05: the 06:00 dose was given; its window stays open until 06:45.
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 6, 5, 0, TimeSpan.Zero));
        await _gateway.ReportDosesAsync(new DoseReport(FirstDose, _regimenId, new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), DoseState.Dispensed, Guid.NewGuid(), new DateTimeOffset(2026, 12, 1, 6, 0, 2, TimeSpan.Zero), "Released 1 portion."));

        using var client = _hub.OwnerClient();
        var adherence = (await client.GetFromJsonAsync($"api/v1/households/{_hub.HouseholdId}/pets/{_petId}/adherence", HubJsonContext.Default.AdherenceView))!;
        var row = Assert.Single(adherence.Regimens);
        Assert.Equal(1, row.Due);
        Assert.Equal(1, row.Dispensed);
        Assert.Equal(100.0, row.Percent);
    }

    [Fact]
    public async Task HomeReportedMissedItself_ThenADispensedReport_IsAConflictAndChangesNothing()
    {
        await _gateway.ReportDosesAsync(new DoseReport(FirstDose, _regimenId, new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), DoseState.Missed, null, new DateTimeOffset(2026, 12, 1, 6, 46, 0, TimeSpan.Zero), "No dispense in its window."));
        await _gateway.ReportDosesAsync(new DoseReport(FirstDose, _regimenId, new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), DoseState.Dispensed, null, new DateTimeOffset(2026, 12, 1, 6, 47, 0, TimeSpan.Zero), null));

        var dose = await DoseAsync();
        Assert.Equal(DoseState.Missed, dose.State);
        Assert.Single(dose.Events);
    }
}
