using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Regimens;
using Willow.Hub.Devices;
using Willow.Hub.Households;
using Willow.Hub.Pets;

namespace Willow.Hub.Regimens;

/// <summary>
/// Creates and changes regimens. Every change is checked against <see cref="RegimenRules"/> and the
/// household's devices, stored as a new version effective from now, and pushed to the home at once.
/// </summary>
public sealed class RegimenEditor(
    IRegimenStore regimens,
    IPetStore pets,
    IDeviceStore devices,
    IHouseholdStore households,
    RegimenPublisher publisher,
    IOptions<RegimenOptions> options,
    TimeProvider time,
    ILogger<RegimenEditor> logger)
{
    public async Task<RegimenEdit> CreateAsync(Guid householdId, RegimenRequest request, string caller, CancellationToken cancellationToken)
    {
        var household = await households.GetAsync(householdId, cancellationToken) ?? throw new InvalidOperationException("Household vanished.");
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Pet? pet = null;
        if (request.PetId is not { } petId)
        {
            errors["petId"] = ["petId is required: the pet the medication is for."];
        }
        else if ((pet = await pets.GetAsync(householdId, petId, cancellationToken)) is null)
        {
            errors["petId"] = [$"This household has no pet {petId}."];
        }

        var terms = await CheckAsync(household, request, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return RegimenEdit.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var record = new RegimenRecord(
            Guid.CreateVersion7(now), householdId, pet!.Id, now, caller,
            [new RegimenVersion(1, now, terms!, Paused: false, Ended: false)], [caller]);
        await regimens.CreateAsync(record, cancellationToken);
        RegimenLog.Created(logger, record.Id, terms!.Medication, pet.Name, terms.Schedule.Describe(), caller);
        await publisher.PublishAsync(householdId, cancellationToken);
        return RegimenEdit.Done(record, pet.Name, household.TimeZone);
    }

    /// <summary>
    /// The next <paramref name="count"/> doses the request would schedule from now, in the household's zone,
    /// checked exactly as <see cref="CreateAsync"/> checks it: the editor's preview is the API's own answer.
    /// </summary>
    public async Task<(RegimenPreview? Preview, Dictionary<string, string[]> Errors)> PreviewAsync(
        Guid householdId, RegimenRequest request, int count, CancellationToken cancellationToken)
    {
        var household = await households.GetAsync(householdId, cancellationToken) ?? throw new InvalidOperationException("Household vanished.");
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.PetId is { } petId && await pets.GetAsync(householdId, petId, cancellationToken) is null)
        {
            errors["petId"] = [$"This household has no pet {petId}."];
        }

        var terms = await CheckAsync(household, request, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(household.TimeZone);
        var doses = ScheduleMath.Instants(terms!, zone, time.GetUtcNow(), DateTimeOffset.MaxValue).Take(count)
            .Select(at => new PreviewDose(at, RegimenTime.Format(LocalTimes.ToLocal(at, zone))));
        return (new RegimenPreview(household.TimeZone, [.. doses]), errors);
    }

    public async Task<RegimenEdit> ChangeTermsAsync(Guid householdId, Guid regimenId, RegimenRequest request, string caller, CancellationToken cancellationToken)
    {
        var household = await households.GetAsync(householdId, cancellationToken) ?? throw new InvalidOperationException("Household vanished.");
        var existing = await regimens.GetAsync(householdId, regimenId, cancellationToken);
        if (existing is null)
        {
            return RegimenEdit.NotFound;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.PetId is { } petId && petId != existing.PetId)
        {
            errors["petId"] = ["A regimen stays with its pet; end it and create one for the other pet."];
        }

        if (existing.Current.Ended)
        {
            errors["status"] = ["This regimen has ended; create a new one."];
        }

        var terms = await CheckAsync(household, request, errors, cancellationToken);
        return errors.Count > 0
            ? RegimenEdit.Invalid(errors)
            : await AppendAsync(household, existing, v => v with { Terms = terms! }, "changed", caller, cancellationToken);
    }

    public async Task<RegimenEdit> PauseAsync(Guid householdId, Guid regimenId, bool pause, string caller, CancellationToken cancellationToken) =>
        await ChangeStatusAsync(householdId, regimenId, v => v with { Paused = pause }, pause ? "paused" : "resumed", caller, cancellationToken);

    public async Task<RegimenEdit> EndAsync(Guid householdId, Guid regimenId, string caller, CancellationToken cancellationToken) =>
        await ChangeStatusAsync(householdId, regimenId, v => v with { Ended = true }, "ended", caller, cancellationToken);

    private async Task<RegimenEdit> ChangeStatusAsync(
        Guid householdId, Guid regimenId, Func<RegimenVersion, RegimenVersion> change, string what, string caller, CancellationToken cancellationToken)
    {
        var household = await households.GetAsync(householdId, cancellationToken) ?? throw new InvalidOperationException("Household vanished.");
        var existing = await regimens.GetAsync(householdId, regimenId, cancellationToken);
        if (existing is null)
        {
            return RegimenEdit.NotFound;
        }

        if (existing.Current.Ended)
        {
            return RegimenEdit.Invalid(new Dictionary<string, string[]> { ["status"] = ["This regimen has ended; create a new one."] });
        }

        return await AppendAsync(household, existing, change, what, caller, cancellationToken);
    }

    private async Task<RegimenEdit> AppendAsync(
        Household household, RegimenRecord existing, Func<RegimenVersion, RegimenVersion> change, string what, string caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var next = change(existing.Current) with { Version = existing.Current.Version + 1, EffectiveFrom = Max(now, existing.Current.EffectiveFrom) };
        if (!await regimens.AddVersionAsync(household.Id, existing.Id, next, caller, cancellationToken))
        {
            return RegimenEdit.Conflict;
        }

        RegimenLog.Changed(logger, existing.Id, what, next.Version, caller);
        await publisher.PublishAsync(household.Id, cancellationToken);
        var updated = (await regimens.GetAsync(household.Id, existing.Id, cancellationToken))!;
        var pet = await pets.GetAsync(household.Id, updated.PetId, cancellationToken);
        return RegimenEdit.Done(updated, pet?.Name ?? "?", household.TimeZone);
    }

    /// <summary>Turns the request into terms, adding every problem it finds to <paramref name="errors"/>.</summary>
    private async Task<RegimenTerms?> CheckAsync(Household household, RegimenRequest request, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(household.TimeZone);
        if (!RegimenTime.TryParseLocal(request.StartsAt, out var startsAt))
        {
            errors["startsAt"] = ["startsAt must be a local date and time without an offset, e.g. \"2026-12-01T07:00\"."];
        }

        DateTime? endsAt = null;
        if (request.EndsAt is not null)
        {
            if (RegimenTime.TryParseLocal(request.EndsAt, out var end))
            {
                endsAt = end;
            }
            else
            {
                errors["endsAt"] = ["endsAt must be a local date and time without an offset, e.g. \"2026-12-29T07:00\"."];
            }
        }

        var schedule = ParseSchedule(request.Schedule!, errors);
        var device = await CheckDeviceAsync(household.Id, request.DeviceId!, Capability.Dispenser, "deviceId", errors, cancellationToken);
        if (device is { Link: DeviceLink.Direct })
        {
            errors["deviceId"] = [$"Schedules run at home, on a gateway; '{device.DeviceId}' is in direct mode and has none."];
        }

        string? callDevice = null;
        if (request.CallFirst == true)
        {
            callDevice = request.CallDeviceId ?? await OnlySpeakerAsync(household.Id, errors, cancellationToken);
            if (request.CallDeviceId is not null)
            {
                await CheckDeviceAsync(household.Id, request.CallDeviceId, Capability.Speaker, "callDeviceId", errors, cancellationToken);
            }
        }
        else if (request.CallDeviceId is not null || request.CallSound is not null)
        {
            errors["callFirst"] = ["callDeviceId and callSound need callFirst: true."];
        }

        string? photoDevice = null;
        if (request.PhotoAfter == true)
        {
            photoDevice = request.PhotoDeviceId ?? await OnlyCameraAsync(household.Id, errors, cancellationToken);
            if (request.PhotoDeviceId is not null)
            {
                await CheckDeviceAsync(household.Id, request.PhotoDeviceId, Capability.Camera, "photoDeviceId", errors, cancellationToken);
            }
        }
        else if (request.PhotoDeviceId is not null)
        {
            errors["photoAfter"] = ["photoDeviceId needs photoAfter: true."];
        }

        if (errors.Count > 0 || schedule is null)
        {
            return null;
        }

        var terms = new RegimenTerms(
            request.Medication!.Trim(), request.Amount!.Trim(), request.Portions ?? 1, schedule, startsAt, endsAt,
            request.WindowBefore ?? TimeSpan.Zero, request.WindowAfter ?? TimeSpan.FromMinutes(30), request.MinimumInterval ?? TimeSpan.Zero,
            request.DeviceId!, request.Slot, callDevice, request.CallFirst == true ? request.CallSound ?? "call" : null, request.PhotoAfter == true, photoDevice);
        foreach (var (field, messages) in RegimenRules.Validate(terms, zone, options.Value.MinimumScheduleInterval))
        {
            errors[field] = messages;
        }

        return terms;
    }

    private static DoseSchedule? ParseSchedule(ScheduleRequest request, Dictionary<string, string[]> errors)
    {
        switch (request.Kind)
        {
            case ScheduleKinds.Every:
                return DoseSchedule.EveryInterval(request.Every ?? TimeSpan.Zero);
            case ScheduleKinds.Cron:
                return DoseSchedule.FromCron(request.Cron ?? "");
            case ScheduleKinds.TimesOfDay:
                var times = new List<TimeOnly>();
                foreach (var text in request.Times ?? [])
                {
                    if (!RegimenTime.TryParseTime(text, out var time))
                    {
                        errors["schedule.times"] = [$"'{text}' is not a time of day; use HH:mm, e.g. \"07:00\"."];
                        return null;
                    }

                    times.Add(time);
                }

                return new DoseSchedule(ScheduleKinds.TimesOfDay, Times: times);
            default:
                errors["schedule.kind"] = [$"schedule.kind must be one of: {string.Join(", ", ScheduleKinds.All)}."];
                return null;
        }
    }

    private async Task<DeviceRecord?> CheckDeviceAsync(
        Guid householdId, string deviceId, string capability, string field, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(householdId, deviceId, cancellationToken);
        if (device is null)
        {
            errors[field] = [$"This household has no device '{deviceId}'."];
        }
        else if (!device.Capabilities.Contains(capability))
        {
            errors[field] = [$"Device '{deviceId}' is not a {capability}."];
        }

        return device;
    }

    private async Task<string?> OnlySpeakerAsync(Guid householdId, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var speakers = (await devices.ListAsync(householdId, cancellationToken)).Where(d => d.Capabilities.Contains(Capability.Speaker)).ToList();
        if (speakers.Count == 1)
        {
            return speakers[0].DeviceId;
        }

        errors["callDeviceId"] = [speakers.Count == 0 ? "callFirst needs a speaker in the household, and it has none." : "The household has several speakers; say which with callDeviceId."];
        return null;
    }

    private async Task<string?> OnlyCameraAsync(Guid householdId, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var cameras = (await devices.ListAsync(householdId, cancellationToken)).Where(d => d.Capabilities.Contains(Capability.Camera)).ToList();
        if (cameras.Count == 1)
        {
            return cameras[0].DeviceId;
        }

        errors["photoAfter"] = [cameras.Count == 0 ? "photoAfter needs a camera in the household, and it has none yet." : "The household has several cameras; say which with photoDeviceId."];
        return null;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
