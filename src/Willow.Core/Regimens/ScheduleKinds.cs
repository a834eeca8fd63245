namespace Willow.Core.Regimens;

/// <summary>How a regimen's doses are spaced.</summary>
public static class ScheduleKinds
{
    /// <summary>Every fixed interval of elapsed time from the course start (e.g. every 8 hours).</summary>
    public const string Every = "every";

    /// <summary>At fixed wall-clock times each day in the household's zone (e.g. 07:00 and 19:00).</summary>
    public const string TimesOfDay = "timesOfDay";

    /// <summary>A cron expression (five fields, or six with seconds), evaluated in the household's zone.</summary>
    public const string Cron = "cron";

    public static IReadOnlyList<string> All { get; } = [Every, TimesOfDay, Cron];
}
