using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Willow.Hub.Regimens;

/// <summary>
/// Body of <c>POST …/regimens</c> and <c>PUT …/regimens/{id}</c>. Local times (<c>startsAt</c>, <c>endsAt</c>,
/// <c>schedule.times</c>) are wall-clock times in the household's zone, without an offset. Durations are
/// <c>hh:mm:ss</c> (or <c>d.hh:mm:ss</c>).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RegimenRequest
{
    /// <summary>Required when creating; a regimen cannot move to another pet.</summary>
    public Guid? PetId { get; init; }

    [Required(ErrorMessage = "medication is required.")]
    public string? Medication { get; init; }

    [Required(ErrorMessage = "amount is required, e.g. \"1 tablet\".")]
    public string? Amount { get; init; }

    /// <summary>Dispenser portions per dose (default 1).</summary>
    public int? Portions { get; init; }

    [Required(ErrorMessage = "schedule is required.")]
    public ScheduleRequest? Schedule { get; init; }

    /// <summary>Local date and time the course starts, e.g. <c>2026-12-01T07:00</c>; for "every" schedules, the first dose.</summary>
    [Required(ErrorMessage = "startsAt is required, e.g. \"2026-12-01T07:00\".")]
    public string? StartsAt { get; init; }

    /// <summary>Local date and time the course ends (exclusive), or none.</summary>
    public string? EndsAt { get; init; }

    /// <summary>How early a dose may be given (default 0).</summary>
    public TimeSpan? WindowBefore { get; init; }

    /// <summary>How late a dose may still be given (default 30 min). After that it is missed.</summary>
    public TimeSpan? WindowAfter { get; init; }

    /// <summary>No dispense within this long of the last one (default: none).</summary>
    public TimeSpan? MinimumInterval { get; init; }

    [Required(ErrorMessage = "deviceId is required: the dispenser that gives the doses.")]
    public string? DeviceId { get; init; }

    public int? Slot { get; init; }

    /// <summary>Play a sound on <see cref="CallDeviceId"/> before each dose.</summary>
    public bool? CallFirst { get; init; }

    public string? CallDeviceId { get; init; }

    public string? CallSound { get; init; }

    /// <summary>Take a photo after each dose (needs a camera in the household).</summary>
    public bool? PhotoAfter { get; init; }

    /// <summary>The camera for <see cref="PhotoAfter"/>; may be left out when the household has one camera.</summary>
    public string? PhotoDeviceId { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScheduleRequest
{
    /// <summary><c>every</c>, <c>timesOfDay</c> or <c>cron</c>.</summary>
    [Required(ErrorMessage = "schedule.kind is required: every, timesOfDay or cron.")]
    public string? Kind { get; init; }

    /// <summary>For <c>every</c>: the interval, e.g. <c>08:00:00</c>.</summary>
    public TimeSpan? Every { get; init; }

    /// <summary>For <c>timesOfDay</c>: local times, e.g. <c>["07:00", "19:00"]</c>.</summary>
    public IReadOnlyList<string>? Times { get; init; }

    /// <summary>For <c>cron</c>: five fields (or six with seconds).</summary>
    public string? Cron { get; init; }
}

/// <summary>Body of pause, resume and end: why, for the record.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RegimenChangeRequest
{
    [StringLength(300)]
    public string? Reason { get; init; }
}
