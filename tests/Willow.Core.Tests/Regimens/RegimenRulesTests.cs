using Willow.Core.Regimens;

namespace Willow.Core.Tests.Regimens;

public sealed class RegimenRulesTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    private static RegimenTerms Good() => new(
        "clomipramine", "1 tablet", 1, DoseSchedule.EveryInterval(TimeSpan.FromHours(8)), new DateTime(2026, 12, 1, 7, 0, 0), new DateTime(2026, 12, 29, 7, 0, 0),
        TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(45), TimeSpan.FromHours(6), "pill-dispenser", null, null, null, false);

    [Fact]
    public void Validate_TheIssuesExample_IsFine() => Assert.Empty(RegimenRules.Validate(Good(), Berlin, Quarter));

    [Theory]
    [MemberData(nameof(BadTerms))]
    public void Validate_BadTerms_NameTheField(string field, RegimenTerms terms) =>
        Assert.Contains(field, RegimenRules.Validate(terms, Berlin, Quarter).Keys);

    public static TheoryData<string, RegimenTerms> BadTerms() => new()
    {
        { "medication", Good() with { Medication = " " } },
        { "portions", Good() with { Portions = 0 } },
        { "endsAt", Good() with { EndsAt = new DateTime(2026, 11, 30) } },
        { "schedule.every", Good() with { Schedule = DoseSchedule.EveryInterval(TimeSpan.FromMinutes(5)) } },
        { "schedule.every", Good() with { Schedule = new DoseSchedule(ScheduleKinds.Every) } },
        { "schedule.times", Good() with { Schedule = new DoseSchedule(ScheduleKinds.TimesOfDay, Times: []) } },
        { "schedule.times", Good() with { Schedule = DoseSchedule.AtTimes(new TimeOnly(7, 0), new TimeOnly(7, 0)) } },
        { "schedule.cron", Good() with { Schedule = DoseSchedule.FromCron("every morning") } },
        { "schedule.kind", Good() with { Schedule = new DoseSchedule("sometimes") } },
        { "windowAfter", Good() with { WindowBefore = TimeSpan.FromHours(4), WindowAfter = TimeSpan.FromHours(4) } },
        { "minimumInterval", Good() with { MinimumInterval = TimeSpan.FromHours(8) } },
        { "schedule", Good() with { Schedule = DoseSchedule.AtTimes(new TimeOnly(7, 0), new TimeOnly(7, 10)), WindowBefore = TimeSpan.Zero, WindowAfter = TimeSpan.FromMinutes(5), MinimumInterval = TimeSpan.FromMinutes(5) } },
        { "schedule", Good() with { Schedule = DoseSchedule.AtTimes(new TimeOnly(3, 0)), StartsAt = new DateTime(2026, 12, 1, 7, 0, 0), EndsAt = new DateTime(2026, 12, 1, 20, 0, 0) } },
        { "windowBefore", Good() with { WindowBefore = TimeSpan.FromMinutes(-1) } },
    };

    [Fact]
    public void Validate_TimesOfDayGapShrunkByDaylightSaving_IsCaught()
    {
        // 01:30 and 03:00 are 90 minutes apart, but on the night the clocks spring forward only 30.
        var terms = Good() with
        {
            Schedule = DoseSchedule.AtTimes(new TimeOnly(1, 30), new TimeOnly(3, 0)),
            StartsAt = new DateTime(2026, 3, 1),
            EndsAt = new DateTime(2026, 4, 30),
            WindowBefore = TimeSpan.FromMinutes(20),
            WindowAfter = TimeSpan.FromMinutes(20),
            MinimumInterval = TimeSpan.FromMinutes(50),
        };

        var errors = RegimenRules.Validate(terms, Berlin, Quarter);

        Assert.Contains("windowAfter", errors.Keys);
        Assert.Contains("minimumInterval", errors.Keys);
    }
}
