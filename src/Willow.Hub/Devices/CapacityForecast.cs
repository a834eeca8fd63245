using Willow.Core.Regimens;

namespace Willow.Hub.Devices;

/// <summary>
/// How many scheduled doses a dispenser's remaining portions cover, and when the first dose it cannot
/// give falls: the regimens using it, walked forward from now.
/// </summary>
public static class CapacityForecast
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(90);

    public static (int? DosesLeft, DateTimeOffset? RunsOutAt) For(DeviceRecord device, IEnumerable<RegimenPlan> plans, ISet<Guid> skipped, DateTimeOffset now)
    {
        var using_ = plans.Where(p => p.IsActive && p.Current.Terms.DeviceId == device.DeviceId).ToList();
        if (device.Remaining is not { } remaining || using_.Count == 0)
        {
            return (null, null);
        }

        var upcoming = using_
            .SelectMany(p => ScheduleMath.Occurrences(p, now, now + Horizon))
            .Where(o => !skipped.Contains(o.DoseId))
            .OrderBy(o => o.ScheduledAt);
        var doses = 0;
        foreach (var dose in upcoming)
        {
            remaining -= dose.Version.Terms.Portions;
            if (remaining < 0)
            {
                return (doses, dose.ScheduledAt);
            }

            doses++;
        }

        return (doses, null);
    }
}
