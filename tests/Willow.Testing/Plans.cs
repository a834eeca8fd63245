using Willow.Core.Protocol;
using Willow.Core.Regimens;

namespace Willow.Testing;

/// <summary>Regimens for tests, built the way the hub builds them.</summary>
public static class Plans
{
    public static RegimenTerms EveryEightHours(string deviceId, DateTime startsAt, DateTime? endsAt = null) => new(
        "clomipramine", "1 tablet", 1, DoseSchedule.EveryInterval(TimeSpan.FromHours(8)), startsAt, endsAt,
        TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(45), TimeSpan.FromHours(6), deviceId, null, null, null, false);

    public static RegimenPlan Plan(RegimenTerms terms, string zone = "Europe/Berlin", DateTimeOffset? since = null) => new(
        Guid.CreateVersion7(), Guid.NewGuid(), Guid.NewGuid(), "Willow", zone,
        [new RegimenVersion(1, since ?? DateTimeOffset.MinValue, terms, Paused: false, Ended: false)]);

    public static RegimenSet Set(RegimenPlan plan, params Guid[] skipped) => new(plan.HouseholdId, [plan], skipped, DateTimeOffset.UnixEpoch);
}
