using Cronos;

namespace Willow.Core.Regimens;

/// <summary>
/// What makes a regimen safe to run: a schedule that parses, doses far enough apart, windows that do not
/// overlap, a lockout shorter than the time between doses, a course that ends after it starts.
/// </summary>
public static class RegimenRules
{
    public const int MaxPortions = 5;
    public const int MaxTimesPerDay = 24;
    private const int GapSampleSize = 2_000;
    private static readonly TimeSpan GapSampleSpan = TimeSpan.FromDays(400);

    public static Dictionary<string, string[]> Validate(RegimenTerms terms, TimeZoneInfo zone, TimeSpan minimumScheduleInterval)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(terms.Medication) || terms.Medication.Length > 100)
        {
            Add("medication", "medication must be 1 to 100 characters, e.g. \"clomipramine\".");
        }

        if (string.IsNullOrWhiteSpace(terms.Amount) || terms.Amount.Length > 100)
        {
            Add("amount", "amount must be 1 to 100 characters, e.g. \"1 tablet\".");
        }

        if (terms.Portions is < 1 or > MaxPortions)
        {
            Add("portions", $"portions must be from 1 to {MaxPortions}.");
        }

        if (terms.Slot is < 0 or > 63)
        {
            Add("slot", "slot must be from 0 to 63.");
        }

        foreach (var (field, window) in new[] { ("windowBefore", terms.WindowBefore), ("windowAfter", terms.WindowAfter), ("minimumInterval", terms.MinimumInterval) })
        {
            if (window < TimeSpan.Zero || window > TimeSpan.FromDays(7))
            {
                Add(field, $"{field} must be between 0 and 7 days.");
            }
        }

        if (terms.EndsAt is { } end && end <= terms.StartsAt)
        {
            Add("endsAt", "endsAt must be after startsAt.");
        }

        if (!CheckSchedule(terms.Schedule, minimumScheduleInterval, errors))
        {
            return errors;
        }

        var instants = ScheduleMath.Instants(terms, zone, DateTimeOffset.MinValue, DateTimeOffset.MaxValue)
            .TakeWhile((_, i) => i < GapSampleSize)
            .ToList();
        if (instants.Count == 0)
        {
            Add("schedule", "No dose falls between startsAt and endsAt.");
            return errors;
        }

        var horizon = instants[0] + GapSampleSpan;
        var gaps = instants.Zip(instants.Skip(1), (a, b) => (Start: a, Gap: b - a)).Where(g => g.Start < horizon).ToList();
        if (gaps.Count == 0)
        {
            return errors;
        }

        var gap = gaps.Min(g => g.Gap);
        if (gap < minimumScheduleInterval)
        {
            Add("schedule", $"Doses would be only {Describe(gap)} apart (at {gaps.First(g => g.Gap == gap).Start:u}); they must be at least {Describe(minimumScheduleInterval)} apart.");
        }

        if (terms.WindowBefore + terms.WindowAfter >= gap)
        {
            Add("windowAfter", $"The dose window ({Describe(terms.WindowBefore)} before + {Describe(terms.WindowAfter)} after) must be shorter than the time between doses ({Describe(gap)}), or one dose could be given in the next one's window.");
        }

        if (terms.MinimumInterval >= gap)
        {
            Add("minimumInterval", $"minimumInterval ({Describe(terms.MinimumInterval)}) must be shorter than the time between doses ({Describe(gap)}), or the lockout would refuse every scheduled dose.");
        }

        return errors;
    }

    public static string Describe(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.Ticks % TimeSpan.TicksPerDay == 0 => $"{span.TotalDays:0} d",
        { TotalHours: >= 1 } when span.Ticks % TimeSpan.TicksPerMinute == 0 => $"{(int)span.TotalHours} h{(span.Minutes == 0 ? "" : $" {span.Minutes} min")}",
        { TotalMinutes: >= 1 } when span.Ticks % TimeSpan.TicksPerSecond == 0 => $"{(int)span.TotalMinutes} min{(span.Seconds == 0 ? "" : $" {span.Seconds} s")}",
        _ => $"{span.TotalSeconds:0.###} s",
    };

    private static bool CheckSchedule(DoseSchedule schedule, TimeSpan minimumScheduleInterval, Dictionary<string, string[]> errors)
    {
        switch (schedule.Kind)
        {
            case ScheduleKinds.Every:
                if (schedule.Every is not { } every || every <= TimeSpan.Zero || every > TimeSpan.FromDays(31))
                {
                    errors["schedule.every"] = ["every must be a duration between 1 second and 31 days, e.g. \"08:00:00\"."];
                    return false;
                }

                if (every < minimumScheduleInterval)
                {
                    errors["schedule.every"] = [$"every must be at least {Describe(minimumScheduleInterval)}."];
                    return false;
                }

                return true;
            case ScheduleKinds.TimesOfDay:
                if (schedule.Times is not { Count: > 0 and <= MaxTimesPerDay } times || times.Distinct().Count() != times.Count)
                {
                    errors["schedule.times"] = [$"times must list 1 to {MaxTimesPerDay} different times of day, e.g. [\"07:00\", \"19:00\"]."];
                    return false;
                }

                return true;
            case ScheduleKinds.Cron:
                try
                {
                    ScheduleMath.ParseCron(schedule.Cron ?? "");
                    return true;
                }
                catch (CronFormatException ex)
                {
                    errors["schedule.cron"] = [$"cron is not a valid expression ({ex.Message}), e.g. \"0 7,15,23 * * *\"."];
                    return false;
                }

            default:
                errors["schedule.kind"] = [$"schedule.kind must be one of: {string.Join(", ", ScheduleKinds.All)}."];
                return false;
        }
    }
}
