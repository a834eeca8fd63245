using Willow.Core.Regimens;

namespace Willow.Core.Tests.Regimens;

/// <summary>Schedule math in real zones, across real daylight-saving changes of 2026.</summary>
public sealed class ScheduleMathTests
{
    private static RegimenTerms Terms(DoseSchedule schedule, DateTime start, DateTime? end = null) => new(
        "clomipramine", "1 tablet", 1, schedule, start, end,
        TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(45), TimeSpan.FromHours(6), "pill-dispenser", null, null, null, false);

    private static RegimenPlan Plan(RegimenTerms terms, string zone) =>
        new(Guid.Parse("0193a0a0-0000-7000-8000-0000000000aa"), Guid.NewGuid(), Guid.NewGuid(), "Willow", zone,
            [new RegimenVersion(1, DateTimeOffset.MinValue, terms, Paused: false, Ended: false)]);

    private static List<string> LocalTimesOf(IEnumerable<DateTimeOffset> instants, string zone) =>
        [.. instants.Select(i => TimeZoneInfo.ConvertTime(i, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture))];

    [Theory]
    // Spring forward: a time in the gap moves to the first valid instant after it, once.
    [InlineData("Europe/Berlin", "2026-03-28", "02:30", "2026-03-28 02:30 +01:00|2026-03-29 03:00 +02:00|2026-03-30 02:30 +02:00")]
    [InlineData("Australia/Sydney", "2026-10-03", "02:30", "2026-10-03 02:30 +10:00|2026-10-04 03:00 +11:00|2026-10-05 02:30 +11:00")]
    [InlineData("Australia/Lord_Howe", "2026-10-03", "02:15", "2026-10-03 02:15 +10:30|2026-10-04 02:30 +11:00|2026-10-05 02:15 +11:00")]
    // Fall back: a time that happens twice is given once, at its first occurrence.
    [InlineData("Europe/Berlin", "2026-10-24", "02:30", "2026-10-24 02:30 +02:00|2026-10-25 02:30 +02:00|2026-10-26 02:30 +01:00")]
    [InlineData("Australia/Sydney", "2026-04-04", "02:30", "2026-04-04 02:30 +11:00|2026-04-05 02:30 +11:00|2026-04-06 02:30 +10:00")]
    [InlineData("Australia/Lord_Howe", "2026-04-04", "01:45", "2026-04-04 01:45 +11:00|2026-04-05 01:45 +11:00|2026-04-06 01:45 +10:30")]
    // Times away from the change are untouched.
    [InlineData("Europe/Berlin", "2026-03-28", "07:00", "2026-03-28 07:00 +01:00|2026-03-29 07:00 +02:00|2026-03-30 07:00 +02:00")]
    public void TimesOfDay_AcrossDaylightSaving_OneDoseEachDay(string zone, string firstDay, string time, string expected)
    {
        var start = DateTime.Parse(firstDay, System.Globalization.CultureInfo.InvariantCulture);
        var plan = Plan(Terms(DoseSchedule.AtTimes(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), start, start.AddDays(3)), zone);

        var doses = ScheduleMath.Occurrences(plan, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        Assert.Equal(expected.Split('|'), LocalTimesOf(doses.Select(d => d.ScheduledAt), zone));
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-28T07:00")]
    [InlineData("Europe/Berlin", "2026-10-24T07:00")]
    [InlineData("Australia/Sydney", "2026-10-03T07:00")]
    [InlineData("Australia/Sydney", "2026-04-04T07:00")]
    [InlineData("Australia/Lord_Howe", "2026-10-03T07:00")]
    public void EveryEightHours_AcrossDaylightSaving_ExactlyEightHoursApartAndNoneLostOrAdded(string zone, string start)
    {
        var begin = DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        var plan = Plan(Terms(DoseSchedule.EveryInterval(TimeSpan.FromHours(8)), begin, begin.AddDays(7)), zone);

        var doses = ScheduleMath.Occurrences(plan, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        // A wall-clock week across a change is 167 or 169 hours of elapsed time; the doses follow elapsed time.
        var zoneInfo = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var elapsed = LocalTimes.ToInstant(begin.AddDays(7), zoneInfo) - LocalTimes.ToInstant(begin, zoneInfo);
        Assert.NotEqual(TimeSpan.FromDays(7), elapsed);
        Assert.Equal((int)Math.Ceiling(elapsed / TimeSpan.FromHours(8)), doses.Count);
        Assert.All(doses.Zip(doses.Skip(1)), pair => Assert.Equal(TimeSpan.FromHours(8), pair.Second.ScheduledAt - pair.First.ScheduledAt));
        Assert.Equal(doses.Count, doses.Select(d => d.DoseId).Distinct().Count());
    }

    [Fact]
    public void FourWeeksEveryEightHours_Is84Doses()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var plan = Plan(Terms(DoseSchedule.EveryInterval(TimeSpan.FromHours(8)), start, start.AddDays(28)), "Europe/Berlin");

        Assert.Equal(84, ScheduleMath.Occurrences(plan, DateTimeOffset.MinValue, DateTimeOffset.MaxValue).Count);
    }

    [Theory]
    [InlineData("0 2 * * *", "2026-03-28", "2026-03-28 02:00 +01:00|2026-03-29 03:00 +02:00|2026-03-30 02:00 +02:00")]
    [InlineData("30 2 * * *", "2026-10-24", "2026-10-24 02:30 +02:00|2026-10-25 02:30 +02:00|2026-10-26 02:30 +01:00")]
    public void Cron_FollowsTheSamePolicy(string cron, string firstDay, string expected)
    {
        var start = DateTime.Parse(firstDay, System.Globalization.CultureInfo.InvariantCulture);
        var plan = Plan(Terms(DoseSchedule.FromCron(cron), start, start.AddDays(3)), "Europe/Berlin");

        var doses = ScheduleMath.Occurrences(plan, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        Assert.Equal(expected.Split('|'), LocalTimesOf(doses.Select(d => d.ScheduledAt), "Europe/Berlin"));
    }

    [Fact]
    public void Occurrences_InASpan_AreTheSameDosesAsInTheWholeCourse()
    {
        var start = new DateTime(2026, 3, 20, 7, 0, 0);
        var plan = Plan(Terms(DoseSchedule.EveryInterval(TimeSpan.FromHours(8)), start, start.AddDays(20)), "Europe/Berlin");
        var all = ScheduleMath.Occurrences(plan, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var from = all[10].ScheduledAt;
        var to = all[20].ScheduledAt;

        var span = ScheduleMath.Occurrences(plan, from, to);

        Assert.Equal(all.Skip(10).Take(11).Select(d => d.DoseId), span.Select(d => d.DoseId));
    }

    [Fact]
    public void Versions_EachGovernsItsOwnStretch_PausedOnesGiveNothing()
    {
        var start = new DateTime(2026, 12, 1, 8, 0, 0);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var every8 = Terms(DoseSchedule.EveryInterval(TimeSpan.FromHours(8)), start);
        var day2 = LocalTimes.ToInstant(start.AddDays(1), zone);
        var day3 = LocalTimes.ToInstant(start.AddDays(2), zone);
        var plan = new RegimenPlan(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Willow", "Europe/Berlin",
        [
            new RegimenVersion(1, DateTimeOffset.MinValue, every8, false, false),
            new RegimenVersion(2, day2, every8, Paused: true, Ended: false),
            new RegimenVersion(3, day3, every8 with { Schedule = DoseSchedule.EveryInterval(TimeSpan.FromHours(12)) }, false, false),
        ]);

        var doses = ScheduleMath.Occurrences(plan, LocalTimes.ToInstant(start, zone), LocalTimes.ToInstant(start.AddDays(4).AddTicks(-1), zone));

        Assert.Equal(
            [
                "2026-12-01 08:00 +01:00", "2026-12-01 16:00 +01:00", "2026-12-02 00:00 +01:00",
                "2026-12-03 08:00 +01:00", "2026-12-03 20:00 +01:00", "2026-12-04 08:00 +01:00", "2026-12-04 20:00 +01:00",
            ],
            LocalTimesOf(doses.Select(d => d.ScheduledAt), "Europe/Berlin"));
        Assert.Equal([1, 1, 1, 3, 3, 3, 3], doses.Select(d => d.Version.Version));
    }

    [Fact]
    public void DoseIds_AreStableForTheSameRegimenAndInstant_AndDifferOtherwise()
    {
        var regimen = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero);

        Assert.Equal(DoseIds.For(regimen, at), DoseIds.For(regimen, at.ToOffset(TimeSpan.FromHours(1))));
        Assert.NotEqual(DoseIds.For(regimen, at), DoseIds.For(regimen, at.AddMilliseconds(1)));
        Assert.NotEqual(DoseIds.For(regimen, at), DoseIds.For(Guid.NewGuid(), at));
        Assert.Equal(8, DoseIds.For(regimen, at).Version);
    }
}
