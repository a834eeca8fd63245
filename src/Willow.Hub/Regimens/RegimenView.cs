using Willow.Core.Regimens;

namespace Willow.Hub.Regimens;

/// <summary>A regimen as the API shows it: its current terms and what comes next.</summary>
public sealed record RegimenView(
    Guid Id,
    Guid PetId,
    string PetName,
    string Status,
    int Version,
    string Medication,
    string Amount,
    int Portions,
    ScheduleView Schedule,
    string StartsAt,
    string? EndsAt,
    string TimeZone,
    TimeSpan WindowBefore,
    TimeSpan WindowAfter,
    TimeSpan MinimumInterval,
    string DeviceId,
    int? Slot,
    bool CallFirst,
    string? CallDeviceId,
    string? CallSound,
    bool PhotoAfter,
    string? PhotoDeviceId,
    DateTimeOffset? NextDoseAt,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    public static RegimenView From(RegimenRecord record, string petName, string timeZone, DateTimeOffset? nextDoseAt)
    {
        var current = record.Current;
        var t = current.Terms;
        return new RegimenView(
            record.Id, record.PetId, petName,
            current.Ended ? "ended" : current.Paused ? "paused" : "active",
            current.Version, t.Medication, t.Amount, t.Portions, ScheduleView.From(t.Schedule),
            RegimenTime.Format(t.StartsAt), t.EndsAt is { } e ? RegimenTime.Format(e) : null, timeZone,
            t.WindowBefore, t.WindowAfter, t.MinimumInterval, t.DeviceId, t.Slot, t.CallDeviceId is not null, t.CallDeviceId, t.CallSound, t.PhotoAfter, t.PhotoDeviceId,
            nextDoseAt, record.CreatedAt, record.CreatedBy, current.EffectiveFrom == DateTimeOffset.MinValue ? record.CreatedAt : current.EffectiveFrom, record.ChangedBy[^1]);
    }
}

public sealed record ScheduleView(string Kind, TimeSpan? Every, IReadOnlyList<string>? Times, string? Cron, string Description)
{
    public static ScheduleView From(DoseSchedule schedule) => new(
        schedule.Kind, schedule.Every, schedule.Times?.Select(RegimenTime.Format).ToList(), schedule.Cron, schedule.Describe());
}
