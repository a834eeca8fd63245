using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Core.Regimens;
using Willow.HomeAssistant;
using Willow.Hub.Devices;
using Willow.Hub.Doses;
using Willow.Hub.Readings;
using Willow.Hub.Regimens;

namespace Willow.Hub.HomeAssistant;

/// <summary>
/// A household as Home Assistant sees it through the hub: its devices as the stores have them (presence, lockout,
/// what is left in each dispenser), next and last doses from its regimens and dose records, the newest readings.
/// </summary>
public sealed class HubHomeView(IDeviceStore devices, RegimenPublisher regimens, IDoseStore doses, IReadingStore readings, IOptions<PresenceOptions> presence)
{
    private static readonly TimeSpan NextDoseHorizon = TimeSpan.FromDays(8);
    private static readonly TimeSpan LastDoseLookback = TimeSpan.FromDays(14);

    public async Task<HomeView> BuildAsync(Guid householdId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plans = await regimens.PlansAsync(householdId, cancellationToken);
        var recorded = await doses.ListAsync(householdId, now - LastDoseLookback, now + NextDoseHorizon, cancellationToken);
        var latest = (await readings.LatestAsync(householdId, cancellationToken))
            .GroupBy(r => r.DeviceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, HomeReading>)g.ToDictionary(r => r.Metric, r => new HomeReading(r.Value, r.At), StringComparer.Ordinal), StringComparer.Ordinal);
        var list = new List<HomeDevice>();
        foreach (var record in await devices.ListAsync(householdId, cancellationToken))
        {
            var device = new HomeDevice(
                record.DeviceId, record.Name, record.Capabilities, DevicePresence.IsOnline(record, now, presence.Value.OfflineAfter), record.Version,
                DosesLeft: record.Remaining, LockedUntil: record.LockedUntil, Readings: latest.GetValueOrDefault(record.DeviceId));
            list.Add(record.Capabilities.Contains(Capability.Dispenser) ? WithDoses(device, plans, recorded, now) : device);
        }

        return new HomeView(householdId, list);
    }

    private static HomeDevice WithDoses(HomeDevice device, IReadOnlyList<RegimenPlan> plans, IReadOnlyList<DoseRecord> recorded, DateTimeOffset now)
    {
        var mine = plans.Where(p => p.Current.Terms.DeviceId == device.DeviceId).ToList();
        var active = mine.Where(p => p.IsActive).ToList();
        if (active.Count == 0)
        {
            return device;
        }

        var settled = recorded.Select(r => r.Id).ToHashSet();
        var next = active
            .Select(p => ScheduleMath.Occurrences(p, now, now + NextDoseHorizon).FirstOrDefault(d => !settled.Contains(d.DoseId)))
            .OfType<DoseOccurrence>()
            .MinBy(d => d.ScheduledAt);
        var last = recorded
            .Where(r => r.State != DoseState.Scheduled && mine.Any(p => p.Id == r.RegimenId))
            .MaxBy(r => r.ScheduledAt);
        var lastPlan = last is null ? null : mine.First(p => p.Id == last.RegimenId);
        return device with
        {
            Medication = string.Join(" + ", active.Select(p => $"{p.Current.Terms.Medication} for {p.PetName}").Distinct(StringComparer.Ordinal)),
            Portions = active[0].Current.Terms.Portions,
            NextDoseAt = next?.ScheduledAt,
            LastDose = last is null ? null : new LastDoseState(last.State.ToWire(), last.ScheduledAt, lastPlan!.PetName, lastPlan.Current.Terms.Medication, last.Detail),
        };
    }
}
