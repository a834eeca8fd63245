using System.Globalization;
using System.Text.RegularExpressions;

namespace Willow.Cli.Client;

/// <summary>Shows instants in the household's zone, the way the people of the home read their clocks.</summary>
public sealed partial class HouseholdClock(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public static async Task<HouseholdClock> ForAsync(HubClient client, Guid householdId, CancellationToken cancellationToken)
    {
        var household = (await client.HouseholdsAsync(cancellationToken)).FirstOrDefault(h => h.Id == householdId)
            ?? throw new CliException($"Household {householdId} is not visible to this token.");
        return new HouseholdClock(TimeZoneInfo.FindSystemTimeZoneById(household.TimeZone));
    }

    public DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>
    /// A local date and time as people type it ("2026-12-01 07:00"); a date alone means the end of that day
    /// (a sitter "until the 7th" stays all of the 7th).
    /// </summary>
    public DateTimeOffset Parse(string text, string option)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Core.Regimens.LocalTimes.ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        }

        if (Hub.Regimens.RegimenTime.TryParseLocal(text, out var local))
        {
            return Core.Regimens.LocalTimes.ToInstant(local, zone);
        }

        throw new CliException($"{option} '{text}' is not a local date or date and time; write it like \"2026-12-01\" or \"2026-12-01 18:00\".", ExitCodes.Usage);
    }

    /// <summary>
    /// A membership's end as the owner wrote it: <c>--until 2026-12-07</c> is stored as the midnight that
    /// follows, and shown again as "end of 2026-12-07", not as the next day at 00:00.
    /// </summary>
    public string Until(DateTimeOffset? instant)
    {
        if (instant is not { } at)
        {
            return "—";
        }

        var local = Local(at);
        return local.TimeOfDay == TimeSpan.Zero
            ? "end of " + local.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    public string Format(DateTimeOffset? instant, string format = "ddd dd MMM HH:mm") =>
        instant is { } at ? Local(at).ToString(format, CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// A sentence from the hub or a gateway ("Locked out until 2026-12-02 21:23:16Z: …") with each UTC instant in it on
    /// the household's clock ("Wed 02 Dec 22:23"), like the table's other columns.
    /// </summary>
    public string InSentence(string? text, string format = "ddd dd MMM HH:mm") => InstantsIn(text, at => Format(at, format));

    /// <summary>Rewrites each UTC instant ("2026-12-02 21:23:16Z", "2026-12-02T21:23:16.5Z") in a sentence with <paramref name="show"/>.</summary>
    public static string InstantsIn(string? text, Func<DateTimeOffset, string> show) =>
        string.IsNullOrEmpty(text)
            ? text ?? ""
            : UtcInstant().Replace(text, m => DateTimeOffset.TryParse(
                m.Value.Replace(' ', 'T'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? show(at) : m.Value);

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z\b", RegexOptions.CultureInvariant)]
    private static partial Regex UtcInstant();
}
