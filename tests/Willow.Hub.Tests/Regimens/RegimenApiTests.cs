using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Core.Protocol;
using Willow.Hub.Regimens;
using Willow.Testing;

namespace Willow.Hub.Tests.Regimens;

/// <summary>Regimens through the API: validation, versions, the push to the home, doses, skip, confirm, adherence.</summary>
public sealed class RegimenApiTests : HubTestBase
{
    private Guid _petId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync($"api/v1/households/{Hub.HouseholdId}/pets", "{\"name\":\"Willow\",\"species\":\"dog\"}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        _petId = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.PetView))!.Id;
    }

    private string Path(string rest = "") => $"api/v1/households/{Hub.HouseholdId}/regimens{rest}";

    private string Body(string schedule = "{\"kind\":\"every\",\"every\":\"08:00:00\"}", string extra = "") =>
        $$"""
        {"petId":"{{_petId}}","medication":"clomipramine","amount":"1 tablet","schedule":{{schedule}},
         "startsAt":"{{DateTime.UtcNow.AddDays(1):yyyy-MM-dd}}T07:00","endsAt":"{{DateTime.UtcNow.AddDays(29):yyyy-MM-dd}}T07:00",
         "windowBefore":"00:45:00","windowAfter":"00:45:00","minimumInterval":"06:00:00","deviceId":"treat-dispenser"{{extra}}}
        """;

    private async Task<RegimenView> CreateAsync(string? body = null)
    {
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync(Path(), body ?? Body());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.RegimenView))!;
    }

    [Fact]
    public async Task Create_TheIssuesExample_IsActiveWithItsNextDoseAndReachesTheHome()
    {
        var regimen = await CreateAsync(Body(extra: ",\"callFirst\":true"));

        Assert.Equal("active", regimen.Status);
        Assert.Equal("every 8 h", regimen.Schedule.Description);
        Assert.Equal("Europe/Berlin", regimen.TimeZone);
        Assert.Equal(Speaker, regimen.CallDeviceId);
        Assert.NotNull(regimen.NextDoseAt);

        var pushed = await Gateway.NextRegimensAsync();
        var plan = Assert.Single(pushed.Regimens);
        Assert.Equal(regimen.Id, plan.Id);
        Assert.Equal("Willow", plan.PetName);
        Assert.Equal(TimeSpan.FromHours(6), plan.Current.Terms.MinimumInterval);
    }

    [Theory]
    [InlineData("{\"kind\":\"every\",\"every\":\"00:05:00\"}", "", "schedule.every")]
    [InlineData("{\"kind\":\"hourly\"}", "", "schedule.kind")]
    [InlineData("{\"kind\":\"cron\",\"cron\":\"at dawn\"}", "", "schedule.cron")]
    [InlineData("{\"kind\":\"timesOfDay\",\"times\":[\"25:00\"]}", "", "schedule.times")]
    [InlineData("{\"kind\":\"timesOfDay\",\"times\":[]}", "", "schedule.times")]
    [InlineData("{\"kind\":\"every\",\"every\":\"08:00:00\"}", ",\"windowAfter\":\"07:30:00\"", "windowAfter")]
    [InlineData("{\"kind\":\"every\",\"every\":\"08:00:00\"}", ",\"minimumInterval\":\"09:00:00\"", "minimumInterval")]
    [InlineData("{\"kind\":\"every\",\"every\":\"08:00:00\"}", ",\"deviceId\":\"cat-flap\"", "deviceId")]
    [InlineData("{\"kind\":\"every\",\"every\":\"08:00:00\"}", ",\"deviceId\":\"speaker\"", "deviceId")]
    [InlineData("{\"kind\":\"every\",\"every\":\"08:00:00\"}", ",\"endsAt\":\"2020-01-01T07:00\"", "endsAt")]
    [InlineData("{\"kind\":\"every\",\"every\":\"08:00:00\"}", ",\"startsAt\":\"2026-12-01T07:00+01:00\"", "startsAt")]
    [InlineData("{\"kind\":\"every\",\"every\":\"08:00:00\"}", ",\"petId\":\"0193a0a0-0000-7000-8000-000000000009\"", "petId")]
    [InlineData("{\"kind\":\"every\",\"every\":\"08:00:00\"}", ",\"photoAfter\":true", "photoAfter")]
    [InlineData("{\"kind\":\"every\",\"every\":\"08:00:00\"}", ",\"portions\":9", "portions")]
    public async Task Create_BadTerms_Answer400NamingTheFieldAndStoreNothing(string schedule, string extra, string field)
    {
        using var client = Hub.OwnerClient();
        var body = Body(schedule);
        if (extra.Length > 0)
        {
            // Later properties win in System.Text.Json: append the override before the closing brace.
            body = body.TrimEnd().TrimEnd('}') + extra + "}";
        }

        using var response = await client.PostJsonAsync(Path(), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty((await client.GetFromJsonAsync(Path(), HubJsonContext.Default.IReadOnlyListRegimenView))!);

        // The editor's preview answers with the same field, so the form shows the API's own words.
        using var preview = await client.PostJsonAsync(Path("/preview"), body);
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        var previewProblem = JsonDocument.Parse(await preview.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(problem.GetProperty("errors").GetProperty(field).ToString(), previewProblem.GetProperty("errors").GetProperty(field).ToString());
    }

    [Fact]
    public async Task PhotoAfter_WithTheHouseholdsOnlyCamera_NamesIt_AndWithSeveral_AsksWhich()
    {
        await Gateway.ReportDevicesAsync((Dispenser, Capability.Dispenser, true), (Speaker, Capability.Speaker, true), ("bowl-camera", Capability.Camera, true));
        var regimen = await CreateAsync(Body(extra: ",\"photoAfter\":true"));

        Assert.True(regimen.PhotoAfter);
        Assert.Equal("bowl-camera", regimen.PhotoDeviceId);
        Assert.Equal("bowl-camera", Assert.Single((await Gateway.NextRegimensAsync()).Regimens).Current.Terms.PhotoDeviceId);

        await Gateway.ReportDevicesAsync(
            (Dispenser, Capability.Dispenser, true), (Speaker, Capability.Speaker, true), ("bowl-camera", Capability.Camera, true), ("hall-camera", Capability.Camera, true));
        using var client = Hub.OwnerClient();
        using var ambiguous = await client.PostJsonAsync(Path(), Body(extra: ",\"photoAfter\":true"));
        using var chosen = await client.PostJsonAsync(Path(), Body(extra: ",\"photoAfter\":true,\"photoDeviceId\":\"hall-camera\""));
        using var notACamera = await client.PostJsonAsync(Path(), Body(extra: ",\"photoAfter\":true,\"photoDeviceId\":\"speaker\""));

        Assert.Equal(HttpStatusCode.BadRequest, ambiguous.StatusCode);
        Assert.Contains("several cameras", await ambiguous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("hall-camera", (await chosen.Content.ReadFromJsonAsync(HubJsonContext.Default.RegimenView))!.PhotoDeviceId);
        Assert.Equal(HttpStatusCode.BadRequest, notACamera.StatusCode);
    }

    [Fact]
    public async Task Preview_TheNextTenDosesOnTheHouseholdsClock_AndNothingIsSaved()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync(Path("/preview"), Body());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.RegimenPreview))!;
        var day = DateTime.UtcNow.AddDays(1);
        string Local(int days, string time) => $"{day.AddDays(days):yyyy-MM-dd}T{time}";
        Assert.Equal("Europe/Berlin", preview.TimeZone);
        Assert.Equal(
            [Local(0, "07:00"), Local(0, "15:00"), Local(0, "23:00"), Local(1, "07:00"), Local(1, "15:00"), Local(1, "23:00"),
             Local(2, "07:00"), Local(2, "15:00"), Local(2, "23:00"), Local(3, "07:00")],
            preview.Doses.Select(d => d.Local));
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.All(preview.Doses, d => Assert.Equal(d.Local, TimeZoneInfo.ConvertTime(d.ScheduledAt, berlin).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty((await client.GetFromJsonAsync(Path(), HubJsonContext.Default.IReadOnlyListRegimenView))!);
    }

    [Fact]
    public async Task PauseResumeEnd_EachAddsAVersion_AndIsPushed()
    {
        var regimen = await CreateAsync();
        await Gateway.NextRegimensAsync();
        using var client = Hub.OwnerClient();

        var paused = (await (await client.PostAsync(Path($"/{regimen.Id}/pause"), null)).Content.ReadFromJsonAsync(HubJsonContext.Default.RegimenView))!;
        Assert.Equal("paused", paused.Status);
        Assert.Null(paused.NextDoseAt);
        Assert.False((await Gateway.NextRegimensAsync()).Regimens.Single().IsActive);

        var resumed = (await (await client.PostAsync(Path($"/{regimen.Id}/resume"), null)).Content.ReadFromJsonAsync(HubJsonContext.Default.RegimenView))!;
        Assert.Equal("active", resumed.Status);
        Assert.Equal(3, resumed.Version);

        var ended = (await (await client.DeleteAsync(Path($"/{regimen.Id}"))).Content.ReadFromJsonAsync(HubJsonContext.Default.RegimenView))!;
        Assert.Equal("ended", ended.Status);
        using var again = await client.PostAsync(Path($"/{regimen.Id}/resume"), null);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Change_NewTermsFromNow_KeepsTheRegimenAndItsPet()
    {
        var regimen = await CreateAsync();
        using var client = Hub.OwnerClient();
        using var response = await client.PutAsync(Path($"/{regimen.Id}"), new StringContent(Body("{\"kind\":\"timesOfDay\",\"times\":[\"07:00\",\"19:00\"]}"), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.RegimenView))!;
        Assert.Equal(2, changed.Version);
        Assert.Equal("at 07:00, 19:00", changed.Schedule.Description);
        Assert.Equal(regimen.Id, changed.Id);
    }

    [Fact]
    public async Task Doses_ListsTheScheduleWithStates_AndGatewayReportsFillThemIn()
    {
        var regimen = await CreateAsync();
        using var client = Hub.OwnerClient();
        var from = regimen.NextDoseAt!.Value;
        var doses = (await client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/doses?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(from.AddDays(1).ToString("O"))}", HubJsonContext.Default.IReadOnlyListDoseView))!;

        Assert.Equal(4, doses.Count);
        Assert.All(doses, d => Assert.Equal(DoseState.Scheduled, d.State));
        Assert.All(doses.Zip(doses.Skip(1)), p => Assert.Equal(TimeSpan.FromHours(8), p.Second.ScheduledAt - p.First.ScheduledAt));
        Assert.Equal(TimeSpan.FromMinutes(90), doses[0].WindowCloses - doses[0].WindowOpens);

        var first = doses[0];
        var commandId = Guid.CreateVersion7();
        await Gateway.ReportDosesAsync(new DoseReport(first.Id, regimen.Id, first.ScheduledAt, DoseState.Dispensed, commandId, first.ScheduledAt, "Released 1 portion."));

        var dose = (await client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/doses/{first.Id}", HubJsonContext.Default.DoseView))!;
        Assert.Equal(DoseState.Dispensed, dose.State);
        Assert.Equal(commandId, dose.CommandId);
        Assert.Equal(EventSource.Gateway, dose.StateSource);
    }

    [Fact]
    public async Task Confirm_ADispensedDose_RecordsWhoSawItEaten_AndOnlyThen()
    {
        var regimen = await CreateAsync();
        var next = regimen.NextDoseAt!.Value;
        var doseId = Core.Regimens.DoseIds.For(regimen.Id, next);
        using var client = Hub.OwnerClient();

        using var early = await client.PostAsync($"api/v1/households/{Hub.HouseholdId}/doses/{doseId}/confirm", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await Gateway.ReportDosesAsync(new DoseReport(doseId, regimen.Id, next, DoseState.Dispensed, null, next, null));
        using var response = await client.PostAsync($"api/v1/households/{Hub.HouseholdId}/doses/{doseId}/confirm", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HubSeed.OwnerEmail, (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.DoseView))!.ConfirmedBy);
    }

    [Fact]
    public async Task Skip_AnUpcomingDose_RecordsTheReason_TellsTheHome_AndMovesNextDose()
    {
        var regimen = await CreateAsync();
        await Gateway.NextRegimensAsync();
        var next = regimen.NextDoseAt!.Value;
        var doseId = Core.Regimens.DoseIds.For(regimen.Id, next);
        using var client = Hub.OwnerClient();

        using var response = await client.PostJsonAsync($"api/v1/households/{Hub.HouseholdId}/doses/{doseId}/skip", "{\"reason\":\"vet said skip before surgery\"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dose = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.DoseView))!;
        Assert.Equal(DoseState.Skipped, dose.State);
        Assert.Contains("vet said skip", dose.Detail, StringComparison.Ordinal);
        Assert.Contains(doseId, (await Gateway.NextRegimensAsync()).SkippedDoses);
        var after = (await client.GetFromJsonAsync(Path($"/{regimen.Id}"), HubJsonContext.Default.RegimenView))!;
        Assert.Equal(next.AddHours(8), after.NextDoseAt);

        using var twice = await client.PostJsonAsync($"api/v1/households/{Hub.HouseholdId}/doses/{doseId}/skip", "{\"reason\":\"again\"}");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task Skip_WithoutAReason_Answers400()
    {
        var regimen = await CreateAsync();
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync($"api/v1/households/{Hub.HouseholdId}/doses/{Core.Regimens.DoseIds.For(regimen.Id, regimen.NextDoseAt!.Value)}/skip", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UnknownDose_Answers404()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.GetAsync($"api/v1/households/{Hub.HouseholdId}/doses/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Refill_ThenForecast_SaysHowManyDosesAreLeftAndWhenItRunsOut()
    {
        var regimen = await CreateAsync();
        using var client = Hub.OwnerClient();
        using var noCapacity = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/refill", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, noCapacity.StatusCode);

        using var response = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/refill", "{\"capacity\":12,\"remaining\":5}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var device = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.DeviceView))!;
        Assert.Equal(12, device.Capacity);
        Assert.Equal(5, device.Remaining);
        Assert.Equal(5, device.DosesLeft);
        Assert.Equal(regimen.NextDoseAt!.Value.AddHours(8 * 5), device.RunsOutAt);
    }

    [Fact]
    public async Task Refill_MoreThanCapacity_Answers400()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/refill", "{\"capacity\":10,\"remaining\":11}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ASucceededDispense_TakesItsPortionsFromTheRemainingCount_Once()
    {
        using var client = Hub.OwnerClient();
        await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/refill", "{\"capacity\":10}");
        var command = await Hub.IssueAsync(Dispenser, "{\"kind\":\"dispense\",\"args\":{\"portions\":2}}");

        await Gateway.ReportAsync(command.Id, CommandState.Executing);
        await Gateway.ReportAsync(command.Id, CommandState.Succeeded, EventSource.Agent);
        await Gateway.ReportAsync(command.Id, CommandState.Succeeded, EventSource.Agent);

        Assert.Equal(8, (await client.GetFromJsonAsync(Hub.DevicePath(Dispenser), HubJsonContext.Default.DeviceView))!.Remaining);
    }

    [Fact]
    public async Task Adherence_CountsEachRegimensDoses()
    {
        var regimen = await CreateAsync();
        using var client = Hub.OwnerClient();
        var adherence = (await client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/pets/{_petId}/adherence", HubJsonContext.Default.AdherenceView))!;

        var row = Assert.Single(adherence.Regimens);
        Assert.Equal(regimen.Id, row.RegimenId);
        Assert.Equal(0, row.Due);
        Assert.Null(row.Percent);
        Assert.Equal(regimen.NextDoseAt, row.NextDoseAt);
    }

    [Fact]
    public async Task Pets_SameNameTwice_Answers400()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync($"api/v1/households/{Hub.HouseholdId}/pets", "{\"name\":\"Willow\"}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single((await client.GetFromJsonAsync($"api/v1/households/{Hub.HouseholdId}/pets", HubJsonContext.Default.IReadOnlyListPetView))!);
    }

    [Fact]
    public async Task GatewaySync_ReturnsTheSameSetAsThePush()
    {
        var regimen = await CreateAsync();
        var pushed = await Gateway.NextRegimensAsync();
        var synced = await Gateway.SyncRegimensAsync();

        Assert.Equal(pushed.Regimens.Select(r => r.Id), synced.Regimens.Select(r => r.Id));
        Assert.Equal(regimen.Id, synced.Regimens.Single().Id);
    }
}
