using Cronos;

namespace Willow.Core.Regimens;

/// <summary>
/// The doses of a regimen in a span of time: a pure function of (plan, from, to), with no clock inside,
/// as Cronos's <c>GetNextOccurrence(from, zone)</c>. DST follows <see cref="LocalTimes"/>.
/// </summary>
public static class ScheduleMath
{
    /// <summary>Doses scheduled in [<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    public static IReadOnlyList<DoseOccurrence> Occurrences(RegimenPlan plan, DateTimeOffset from, DateTimeOffset to)
    {
        var zone = plan.Zone;
        var result = new List<DoseOccurrence>();
        for (var i = 0; i < plan.Versions.Count; i++)
        {
            var version = plan.Versions[i];
            if (version.Paused || version.Ended)
            {
                continue;
            }

            // A version governs the doses scheduled from its start until the next version starts.
            var lo = Max(from, version.EffectiveFrom);
            var hi = i + 1 < plan.Versions.Count ? Min(to, plan.Versions[i + 1].EffectiveFrom.AddTicks(-1)) : to;
            if (lo > hi)
            {
                continue;
            }

            foreach (var at in Instants(version.Terms, zone, lo, hi))
            {
                result.Add(new DoseOccurrence(
                    DoseIds.For(plan.Id, at), plan.Id, plan.PetId, at, at - version.Terms.WindowBefore, at + version.Terms.WindowAfter, version));
            }
        }

        return result;
    }

    /// <summary>Scheduled instants of <paramref name="terms"/> in [from, to] (both inclusive), within the course [start, end).</summary>
    public static IEnumerable<DateTimeOffset> Instants(RegimenTerms terms, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var courseStart = LocalTimes.ToInstant(terms.StartsAt, zone);
        // The course end is exclusive: "for 4 weeks" from 07:00 has no dose at 07:00 four weeks on.
        var courseEnd = terms.EndsAt is { } end ? LocalTimes.ToInstant(end, zone).AddTicks(-1) : DateTimeOffset.MaxValue;
        from = Max(from, courseStart);
        to = Min(to, courseEnd);
        if (from > to)
        {
            return [];
        }

        return terms.Schedule.Kind switch
        {
            ScheduleKinds.Every => Every(terms.Schedule.Every!.Value, courseStart, from, to),
            ScheduleKinds.TimesOfDay => TimesOfDay(terms.Schedule.Times!, zone, from, to),
            ScheduleKinds.Cron => Cron(terms.Schedule.Cron!, zone, from, to),
            _ => throw new ArgumentException($"Unknown schedule kind '{terms.Schedule.Kind}'.", nameof(terms)),
        };
    }

    /// <summary>Parses a five- or six-field cron expression (six includes seconds).</summary>
    public static CronExpression ParseCron(string expression) =>
        CronExpression.Parse(expression.Trim(), expression.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);

    private static IEnumerable<DateTimeOffset> Every(TimeSpan interval, DateTimeOffset start, DateTimeOffset from, DateTimeOffset to)
    {
        // The first k with start + k·interval ≥ from, computed rather than walked to: courses can be long.
        var k = from <= start ? 0 : (long)Math.Ceiling((from - start).Ticks / (double)interval.Ticks);
        for (var at = start + (interval * k); at <= to; at += interval)
        {
            if (at >= from)
            {
                yield return at;
            }
        }
    }

    private static IEnumerable<DateTimeOffset> TimesOfDay(IReadOnlyList<TimeOnly> times, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var day = DateOnly.FromDateTime(LocalTimes.ToLocal(from, zone)).AddDays(-1);
        var last = DateOnly.FromDateTime(LocalTimes.ToLocal(to, zone)).AddDays(1);
        var seen = new HashSet<DateTimeOffset>();
        for (; day <= last; day = day.AddDays(1))
        {
            foreach (var time in times.Order())
            {
                var at = LocalTimes.ToInstant(day.ToDateTime(time), zone);

                // Two times inside one spring-forward gap land on the same instant: one dose, not two.
                if (at >= from && at <= to && seen.Add(at))
                {
                    yield return at;
                }
            }
        }
    }

    private static IEnumerable<DateTimeOffset> Cron(string expression, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to) =>
        ParseCron(expression).GetOccurrences(from, to, zone, fromInclusive: true, toInclusive: true).Select(o => o.ToUniversalTime());

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
