using System.Collections.Concurrent;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Regimens;
using Willow.Gateway.Discovery;
using Willow.Gateway.Doses;
using Willow.Gateway.Journal;
using Willow.HomeAssistant;

namespace Willow.Gateway.HomeAssistant;

/// <summary>
/// The home as Home Assistant sees it through this gateway: every agent discovery lists, with what its last probe
/// said, the regimens that use each dispenser (next dose, last dose from the journal), a carousel's slots left as
/// its doses left, and the newest reading of each metric as it arrives.
/// </summary>
public sealed class GatewayHomeView(IAgentDirectory directory, PresenceMonitor presence, RegimenBook book, GatewayJournal journal)
{
    /// <summary>How far ahead the next dose is looked for (a schedule has at least one dose a day in practice).</summary>
    private static readonly TimeSpan NextDoseHorizon = TimeSpan.FromDays(8);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HomeReading>> _readings = new(StringComparer.Ordinal);

    /// <summary>Keeps the newest reading of each metric of the page's device.</summary>
    public void Take(ReadingPage page)
    {
        var latest = _readings.GetOrAdd(page.DeviceId, _ => new ConcurrentDictionary<string, HomeReading>(StringComparer.Ordinal));
        foreach (var reading in page.Readings)
        {
            latest.AddOrUpdate(reading.Metric, new HomeReading(reading.Value, reading.At), (_, before) => before.At > reading.At ? before : new HomeReading(reading.Value, reading.At));
        }
    }

    public HomeView Build(Guid householdId, DateTimeOffset now)
    {
        var reports = presence.Devices.ToDictionary(d => d.DeviceId, StringComparer.Ordinal);
        var devices = new List<HomeDevice>();
        foreach (var agent in directory.Agents)
        {
            reports.TryGetValue(agent.DeviceId, out var report);
            var info = presence.InfoOf(agent.DeviceId);
            // Capabilities are known once the agent has answered since the gateway started.
            var capabilities = report is { Capabilities.Count: > 0 } ? report.Capabilities : null;
            var device = new HomeDevice(
                agent.DeviceId,
                report?.Name ?? info?.Name ?? agent.DeviceId,
                capabilities,
                report?.Online ?? false,
                report?.Version ?? info?.Version,
                info?.Metrics,
                DosesLeft: info?.CarouselSlotsLeft,
                LockedUntil: report?.LockedUntil,
                Readings: _readings.TryGetValue(agent.DeviceId, out var readings) ? new Dictionary<string, HomeReading>(readings, StringComparer.Ordinal) : null);
            devices.Add(capabilities is not null && capabilities.Contains(Capability.Dispenser) ? WithDoses(device, now) : device);
        }

        return new HomeView(householdId, devices);
    }

    private HomeDevice WithDoses(HomeDevice device, DateTimeOffset now)
    {
        var plans = book.Plans.Where(p => p.Current.Terms.DeviceId == device.DeviceId).ToList();
        var active = plans.Where(p => p.IsActive).ToList();
        if (active.Count == 0)
        {
            return device;
        }

        DoseOccurrence? next = null;
        foreach (var plan in active)
        {
            var upcoming = ScheduleMath.Occurrences(plan, now, now + NextDoseHorizon).FirstOrDefault(d => journal.FindDose(d.DoseId) is null);
            if (upcoming is not null && (next is null || upcoming.ScheduledAt < next.ScheduledAt))
            {
                next = upcoming;
            }
        }

        LastDoseState? last = null;
        if (journal.LastSettledDose([.. plans.Select(p => p.Id)]) is { } dose && plans.FirstOrDefault(p => p.Id == dose.RegimenId) is { } given)
        {
            last = new LastDoseState(dose.State.ToWire(), dose.ScheduledAt, given.PetName, given.Current.Terms.Medication, dose.Detail);
        }

        var first = active[0].Current.Terms;
        return device with
        {
            Medication = string.Join(" + ", active.Select(p => $"{p.Current.Terms.Medication} for {p.PetName}").Distinct(StringComparer.Ordinal)),
            Portions = first.Portions,
            NextDoseAt = next?.ScheduledAt,
            LastDose = last,
        };
    }
}
