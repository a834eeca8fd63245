using Microsoft.Extensions.Time.Testing;
using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Core.Regimens;
using Willow.Gateway.Clock;
using Willow.Gateway.Doses;
using Willow.Gateway.Journal;
using Willow.Testing;

namespace Willow.Gateway.Tests;

/// <summary>
/// The dose runner on a fake clock, giving real doses through the real relay to a real agent: weeks of
/// schedule in seconds, daylight-saving changes, clocks that are not trusted or that jump.
/// </summary>
public sealed class DoseRunnerTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static async Task<RelayFixture> RigAsync(DateTimeOffset now, TimeProvider? clock = null, IDictionary<string, string?>? agent = null)
    {
        var fixture = new RelayFixture(time: clock ?? new FakeTimeProvider(now));
        await fixture.StartAgentAsync(agent);
        await fixture.Clock.CheckAsync(default);
        Assert.True(fixture.Clock.IsTrusted);
        return fixture;
    }

    /// <summary>Moves the fake clock forward to <paramref name="until"/>, stopping at every scheduled dose and every quarter hour.</summary>
    private static async Task RunUntilAsync(RelayFixture f, DateTimeOffset until, Action<TimeSpan>? advance = null)
    {
        advance ??= f.FakeTime!.Advance;
        while (true)
        {
            var round = await f.SettleAsync();
            var now = f.Time.GetUtcNow();
            if (now >= until)
            {
                return;
            }

            var next = now + TimeSpan.FromMinutes(15);
            if (round.NextAt is { } due && due > now && due < next)
            {
                next = due;
            }

            advance((next > until ? until : next) - now);
            await f.Clock.CheckAsync(default);
        }
    }

    private static IReadOnlyList<DoseReportRow> DoseReports(GatewayJournal journal) =>
        [.. journal.PeekOutbox(100_000).Where(e => e.Kind == OutboxKinds.Dose).Select(e => new DoseReportRow(e.Dose!.DoseId, e.Dose.State, e.Dose.At))];

    private sealed record DoseReportRow(Guid DoseId, DoseState State, DateTimeOffset At);

    [Fact]
    public async Task PhotoAfter_OnceTheDoseHasDropped_TheCameraIsAskedForAPhotoOfThatDose_ReportedToTheHubWithIt()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var startInstant = LocalTimes.ToInstant(start, Berlin);
        await using var f = await RigAsync(startInstant.AddMinutes(-1));
        var plan = Plans.Plan(Plans.EveryEightHours(RelayFixture.DeviceId, start, start.AddDays(1)) with { PhotoAfter = true, PhotoDeviceId = "bowl-camera" });
        f.Book.Replace(Plans.Set(plan));

        await RunUntilAsync(f, startInstant.AddMinutes(5));

        var dose = ScheduleMath.Occurrences(plan, startInstant, startInstant)[0];
        Assert.Equal(HomeDoseState.Dispensed, f.Journal.FindDose(dose.DoseId)?.State);
        var issued = f.Journal.PeekOutbox(1000).Where(e => e.Kind == OutboxKinds.CommandIssued).Select(e => e.Issued!).ToList();
        var photo = Assert.Single(issued, c => c.Kind == CommandKinds.Snapshot);
        var dispense = Assert.Single(issued, c => c.Kind == CommandKinds.Dispense);
        Assert.Equal(("bowl-camera", dose.DoseId), (photo.DeviceId, photo.DoseId));
        Assert.True(photo.IssuedAt >= f.Journal.Find(dispense.Id)!.FinishedAt, "the photo is asked for after the dose dropped");
        Assert.Equal(TimeSpan.FromMinutes(2), photo.ExpiresAt - photo.IssuedAt);
        // The relay takes it from there, on its own lane: the camera is asked once the dose's record is written.
        await Eventually.WaitAsync(() => f.Journal.Find(photo.Id) is not null, "the photo's command with the relay");
    }

    [Fact]
    public async Task PhotoAfter_ADispenseTheAgentRefused_TakesNoPhoto()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var startInstant = LocalTimes.ToInstant(start, Berlin);
        await using var f = await RigAsync(startInstant.AddHours(-2), agent: new Dictionary<string, string?> { ["Dispenser:MinimumInterval"] = "1.00:00:00" });
        var earlier = f.Dispense();
        f.Relay.Enqueue(earlier);
        await f.WaitFinalAsync(earlier.Id);
        f.FakeTime!.Advance(TimeSpan.FromMinutes(119));
        var plan = Plans.Plan(Plans.EveryEightHours(RelayFixture.DeviceId, start, start.AddDays(1)) with { PhotoAfter = true, PhotoDeviceId = "bowl-camera", MinimumInterval = TimeSpan.Zero });
        f.Book.Replace(Plans.Set(plan));

        await RunUntilAsync(f, startInstant.AddMinutes(5));

        var dose = ScheduleMath.Occurrences(plan, startInstant, startInstant)[0];
        Assert.Equal(HomeDoseState.Held, f.Journal.FindDose(dose.DoseId)?.State);
        Assert.DoesNotContain(f.Journal.PeekOutbox(1000), e => e.Kind == OutboxKinds.CommandIssued && e.Issued!.Kind == CommandKinds.Snapshot);
    }

    [Fact]
    public async Task FourWeeksEveryEightHours_Exactly84Dispenses_AllInsideTheirWindows_NoneWithinTheMinimumInterval()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var startInstant = LocalTimes.ToInstant(start, Berlin);
        await using var f = await RigAsync(startInstant.AddHours(-1));
        var plan = Plans.Plan(Plans.EveryEightHours(RelayFixture.DeviceId, start, start.AddDays(28)));
        f.Book.Replace(Plans.Set(plan));

        await RunUntilAsync(f, startInstant.AddDays(29));

        var doses = ScheduleMath.Occurrences(plan, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var releases = f.Agent!.Servo.Movements.Where(m => m.ToDegrees == 90).Select(m => m.At).ToList();
        Assert.Equal(84, doses.Count);
        Assert.Equal(84, releases.Count);
        Assert.All(releases, at => Assert.Contains(doses, d => at >= d.WindowOpens && at <= d.WindowCloses));
        Assert.All(releases.Zip(releases.Skip(1)), p => Assert.True(p.Second - p.First >= TimeSpan.FromHours(6), $"{p.First:u} and {p.Second:u}"));
        Assert.All(doses, d => Assert.Equal(HomeDoseState.Dispensed, f.Journal.FindDose(d.DoseId)?.State));

        var reports = DoseReports(f.Journal);
        Assert.Equal(84, reports.Count);
        Assert.Equal(84, reports.Select(r => r.DoseId).Distinct().Count());
    }

    [Theory]
    [InlineData("2026-03-28T00:00", "timesOfDay", "02:30")]
    [InlineData("2026-10-24T00:00", "timesOfDay", "02:30")]
    [InlineData("2026-03-28T07:00", "every", "08:00:00")]
    [InlineData("2026-10-24T07:00", "every", "08:00:00")]
    public async Task DaylightSavingChange_NoDoseSkippedOrDoubled(string startText, string kind, string value)
    {
        var start = DateTime.Parse(startText, System.Globalization.CultureInfo.InvariantCulture);
        var schedule = kind == "every" ? DoseSchedule.EveryInterval(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : DoseSchedule.AtTimes(TimeOnly.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        var terms = Plans.EveryEightHours(RelayFixture.DeviceId, start, start.AddDays(3)) with { Schedule = schedule, MinimumInterval = TimeSpan.FromHours(4) };
        var plan = Plans.Plan(terms);
        var expected = ScheduleMath.Occurrences(plan, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        await using var f = await RigAsync(LocalTimes.ToInstant(start, Berlin).AddHours(-1));
        f.Book.Replace(Plans.Set(plan));

        await RunUntilAsync(f, LocalTimes.ToInstant(start.AddDays(4), Berlin));

        Assert.Equal(expected.Count, f.Releases);
        Assert.All(expected, d => Assert.Equal(HomeDoseState.Dispensed, f.Journal.FindDose(d.DoseId)?.State));
    }

    [Fact]
    public async Task ClockNotSynchronisedAtBoot_NoDoseUntilItIs_ThenOnlyWhatIsStillInItsWindow()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var first = LocalTimes.ToInstant(start, Berlin);
        var time = new FakeTimeProvider(first.AddMinutes(-5));
        await using var f = new RelayFixture(time: time);
        await f.StartAgentAsync();
        f.ClockSync.State = ClockSyncState.Unsynchronized;
        await f.Clock.CheckAsync(default);
        var plan = Plans.Plan(Plans.EveryEightHours(RelayFixture.DeviceId, start));
        f.Book.Replace(Plans.Set(plan));

        // 07:00 is due, but the clock is not trusted: nothing moves, through the whole window.
        await RunUntilAsync(f, first.AddHours(1));
        Assert.False(f.Clock.IsTrusted);
        Assert.Equal(0, f.Releases);
        Assert.Contains(f.Journal.PeekOutbox(100), e => e.Kind == OutboxKinds.Clock && e.Clock!.Trusted == false);

        // NTP syncs at 14:50; the 15:00 dose is given; the 07:00 one is recorded missed, and why.
        time.Advance(TimeSpan.FromHours(6).Add(TimeSpan.FromMinutes(45)));
        f.ClockSync.State = ClockSyncState.Synchronized;
        await f.Clock.CheckAsync(default);
        await RunUntilAsync(f, first.AddHours(9));

        Assert.True(f.Clock.IsTrusted);
        Assert.Equal(1, f.Releases);
        var missed = f.Journal.FindDose(DoseIds.For(plan.Id, first))!;
        Assert.Equal(HomeDoseState.Missed, missed.State);
        Assert.Contains("clock was not trusted", missed.Detail, StringComparison.Ordinal);
        Assert.Equal(HomeDoseState.Dispensed, f.Journal.FindDose(DoseIds.For(plan.Id, first.AddHours(8)))!.State);
    }

    [Fact]
    public async Task ClockJumpsForwardHours_NothingGivenOutsideItsWindow_AndSkippedDosesAreRecordedMissed()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var first = LocalTimes.ToInstant(start, Berlin);
        var clock = new JumpingClock(new FakeTimeProvider(first.AddMinutes(-10)));
        await using var f = await RigAsync(first, clock);
        var plan = Plans.Plan(Plans.EveryEightHours(RelayFixture.DeviceId, start));
        f.Book.Replace(Plans.Set(plan));
        await RunUntilAsync(f, first.AddMinutes(10), clock.Advance);
        Assert.Equal(1, f.Releases);

        // 07:10 becomes 19:10 in an instant: the 15:00 dose's window passed unseen.
        f.ClockSync.State = ClockSyncState.Unsynchronized;
        clock.Jump(TimeSpan.FromHours(12));
        await f.Clock.CheckAsync(default);
        Assert.False(f.Clock.IsTrusted);
        await f.SettleAsync();
        Assert.Equal(1, f.Releases);

        // NTP confirms the new time (it was the correction): 15:00 is missed, 23:00 is given on time.
        f.ClockSync.State = ClockSyncState.Synchronized;
        await f.Clock.CheckAsync(default);
        await RunUntilAsync(f, first.AddHours(17), clock.Advance);

        Assert.Equal(HomeDoseState.Missed, f.Journal.FindDose(DoseIds.For(plan.Id, first.AddHours(8)))!.State);
        Assert.Equal(HomeDoseState.Dispensed, f.Journal.FindDose(DoseIds.For(plan.Id, first.AddHours(16)))!.State);
        Assert.Equal(2, f.Releases);
    }

    [Fact]
    public async Task ClockJumpsBackHours_AGivenDoseIsNeverGivenAgain()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var first = LocalTimes.ToInstant(start, Berlin);
        var clock = new JumpingClock(new FakeTimeProvider(first.AddMinutes(-10)));
        await using var f = await RigAsync(first, clock);
        var plan = Plans.Plan(Plans.EveryEightHours(RelayFixture.DeviceId, start));
        f.Book.Replace(Plans.Set(plan));
        await RunUntilAsync(f, first.AddMinutes(20), clock.Advance);
        Assert.Equal(1, f.Releases);

        // 07:20 becomes 04:20 (NTP stepped it: the step is noticed, and NTP vouches for the new time);
        // the wall clock then comes round to 07:00 again, inside the dose's window.
        clock.Jump(TimeSpan.FromHours(-3));
        await f.Clock.CheckAsync(default);
        Assert.Contains(f.Journal.PeekOutbox(100), e => e.Kind == OutboxKinds.Clock && e.Clock!.Reason.Contains("stepped", StringComparison.Ordinal));
        Assert.True(f.Clock.IsTrusted);
        await RunUntilAsync(f, first.AddMinutes(50), clock.Advance);

        Assert.Equal(1, f.Releases);
        Assert.Single(DoseReports(f.Journal), r => r.State == DoseState.Dispensed);
    }

    [Fact]
    public async Task ManualDispenseInsideTheWindow_ServesTheDose_NoSecondDose()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var first = LocalTimes.ToInstant(start, Berlin);
        await using var f = await RigAsync(first.AddMinutes(-30));
        var plan = Plans.Plan(Plans.EveryEightHours(RelayFixture.DeviceId, start) with { MinimumInterval = TimeSpan.Zero });
        f.Book.Replace(Plans.Set(plan));

        // A person presses Feed at 06:30, inside the 45-minute early window.
        var manual = f.Dispense(ttl: TimeSpan.FromMinutes(5));
        f.Relay.Enqueue(manual);
        await f.WaitFinalAsync(manual.Id);
        await RunUntilAsync(f, first.AddMinutes(50));

        var dose = f.Journal.FindDose(DoseIds.For(plan.Id, first))!;
        Assert.Equal(HomeDoseState.Dispensed, dose.State);
        Assert.Equal(manual.Id, dose.CommandId);
        Assert.Contains("Served by a dispense", dose.Detail, StringComparison.Ordinal);
        Assert.Equal(1, f.Releases);
    }

    [Fact]
    public async Task SkippedDose_IsRecordedSkipped_AndNothingMoves()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var first = LocalTimes.ToInstant(start, Berlin);
        await using var f = await RigAsync(first.AddMinutes(-5));
        var plan = Plans.Plan(Plans.EveryEightHours(RelayFixture.DeviceId, start));
        f.Book.Replace(Plans.Set(plan, DoseIds.For(plan.Id, first)));

        await RunUntilAsync(f, first.AddHours(1));

        Assert.Equal(HomeDoseState.Skipped, f.Journal.FindDose(DoseIds.For(plan.Id, first))!.State);
        Assert.Equal(0, f.Releases);
    }

    [Fact]
    public async Task RefusedByTheAgentsOwnLockout_HeldNotRetried_ThenMissedWithTheReason()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var first = LocalTimes.ToInstant(start, Berlin);
        await using var f = await RigAsync(first.AddHours(-7), agent: new Dictionary<string, string?> { ["Dispenser:MinimumInterval"] = "12:00:00" });
        var plan = Plans.Plan(Plans.EveryEightHours(RelayFixture.DeviceId, start));

        // A treat at midnight: outside any window, but inside the agent's 12-hour lockout at 07:00.
        var treat = f.Dispense();
        f.Relay.Enqueue(treat);
        await f.WaitFinalAsync(treat.Id);
        f.Book.Replace(Plans.Set(plan));
        await RunUntilAsync(f, first.AddHours(1));

        var dose = f.Journal.FindDose(DoseIds.For(plan.Id, first))!;
        Assert.Equal(HomeDoseState.Missed, dose.State);
        Assert.Contains("Locked out", dose.Detail, StringComparison.Ordinal);
        Assert.Equal(1, f.Releases);
        Assert.Equal(1, f.Journal.PeekOutbox(1000).Count(e => e.Kind == OutboxKinds.CommandIssued));
    }

    [Fact]
    public async Task GatewayDiesBetweenRecordingTheDoseAndSendingIt_TheRestartSendsItOnce()
    {
        var start = new DateTime(2026, 12, 1, 7, 0, 0);
        var first = LocalTimes.ToInstant(start, Berlin);
        await using var f = await RigAsync(first);
        var plan = Plans.Plan(Plans.EveryEightHours(RelayFixture.DeviceId, start));
        f.Book.Replace(Plans.Set(plan));
        var occurrence = ScheduleMath.Occurrences(plan, first, first).Single();
        var dispense = new Core.Protocol.CommandEnvelope(
            Guid.CreateVersion7(), plan.HouseholdId, RelayFixture.DeviceId, CommandKinds.Dispense, System.Text.Json.JsonElement.Parse("{\"portions\":1}"),
            "the schedule", first, occurrence.WindowCloses, occurrence.DoseId);
        f.Journal.StartDose(occurrence, dispense, null, null, first);

        await f.RestartRelayAsync();
        f.Book.Replace(Plans.Set(plan));
        await f.Clock.CheckAsync(default);
        await RunUntilAsync(f, first.AddHours(1));

        Assert.Equal(1, f.Releases);
        Assert.Equal(HomeDoseState.Dispensed, f.Journal.FindDose(occurrence.DoseId)!.State);
        Assert.Equal(dispense.Id, f.Journal.FindDose(occurrence.DoseId)!.CommandId);
    }
}
