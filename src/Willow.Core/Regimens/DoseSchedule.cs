namespace Willow.Core.Regimens;

/// <summary>
/// When doses fall: <see cref="ScheduleKinds.Every"/> with <see cref="Every"/>,
/// <see cref="ScheduleKinds.TimesOfDay"/> with <see cref="Times"/>, or <see cref="ScheduleKinds.Cron"/> with
/// <see cref="Cron"/>.
/// </summary>
/// <remarks>
/// "Every N hours" counts elapsed time, not wall-clock time: the body's clock does not move with daylight
/// saving, so the interval between two doses stays exactly N hours across a change (the wall-clock times
/// shift by the change instead). Fixed times of day stay at their wall-clock times.
/// </remarks>
public sealed record DoseSchedule(string Kind, TimeSpan? Every = null, IReadOnlyList<TimeOnly>? Times = null, string? Cron = null)
{
    public static DoseSchedule EveryInterval(TimeSpan interval) => new(ScheduleKinds.Every, Every: interval);

    public static DoseSchedule AtTimes(params TimeOnly[] times) => new(ScheduleKinds.TimesOfDay, Times: times);

    public static DoseSchedule FromCron(string expression) => new(ScheduleKinds.Cron, Cron: expression);

    public string Describe() => Kind switch
    {
        ScheduleKinds.Every when Every is { } every => every.TotalHours >= 1 && every.TotalHours == Math.Floor(every.TotalHours)
            ? $"every {every.TotalHours:0} h"
            : $"every {every}",
        ScheduleKinds.TimesOfDay when Times is { } times => "at " + string.Join(", ", times.Select(t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))),
        ScheduleKinds.Cron => $"cron '{Cron}'",
        _ => Kind,
    };
}
