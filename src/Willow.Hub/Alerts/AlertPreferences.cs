namespace Willow.Hub.Alerts;

/// <summary>A member's quiet hours, wall-clock times in the household's zone (<see cref="From"/> may be after <see cref="To"/>: overnight).</summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To)
{
    /// <summary>When the quiet hours that contain <paramref name="now"/> end, or null if <paramref name="now"/> is outside them.</summary>
    public DateTimeOffset? EndAfter(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (From == To)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var overnight = From > To;
        var inside = overnight ? time >= From || time < To : time >= From && time < To;
        if (!inside)
        {
            return null;
        }

        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (overnight && time >= From)
        {
            endDate = endDate.AddDays(1);
        }

        return Core.Regimens.LocalTimes.ToInstant(endDate.ToDateTime(To), zone);
    }
}

/// <summary>What a member set for their own alerts.</summary>
public sealed record MemberAlertSettings(QuietHours? QuietHours);

/// <summary>What the owners set for the household: how long an urgent alert waits for someone to acknowledge it before it goes to the next person.</summary>
public sealed record HouseholdAlertSettings(TimeSpan EscalateAfter)
{
    public static readonly HouseholdAlertSettings Default = new(TimeSpan.FromMinutes(15));
}
