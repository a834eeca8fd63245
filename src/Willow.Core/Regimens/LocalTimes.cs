namespace Willow.Core.Regimens;

/// <summary>
/// Turns a wall-clock time in a zone into an instant, with one written-down DST policy (NodaTime's words):
/// a local time in a <b>gap</b> (spring forward) becomes the first valid instant after the gap; a local
/// time in an <b>overlap</b> (fall back) happens <b>once</b>, at its earlier instant.
/// </summary>
public static class LocalTimes
{
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return GapEnd(local, zone);
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The larger offset is the earlier instant: the first time the clock shows this time.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>The instant the clocks jumped over <paramref name="local"/>: the first valid time after the gap.</summary>
    private static DateTimeOffset GapEnd(DateTime local, TimeZoneInfo zone)
    {
        // Before the gap the offset was the one in force an hour or two earlier; the jump happened between
        // local-minus-that-offset minus the gap length and local-minus-that-offset. Search that span.
        var before = zone.GetUtcOffset(local.AddHours(-3));
        var high = new DateTimeOffset(local, before).UtcDateTime;
        var low = high.AddHours(-3);
        while (high - low > TimeSpan.FromSeconds(1))
        {
            var middle = low + ((high - low) / 2);
            if (zone.GetUtcOffset(middle) == before)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        // Transitions fall on whole seconds (all of them in the tz database fall on whole minutes).
        return new DateTimeOffset(new DateTime(high.Ticks - (high.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc));
    }
}
