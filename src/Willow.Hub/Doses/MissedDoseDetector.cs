using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Hub.Nodes;
using Willow.Hub.Regimens;

namespace Willow.Hub.Doses;

/// <summary>
/// Records a dose as missed when its window has closed and the home has said nothing about it. This is a
/// presumption: a later report from the gateway that the dose was given (it was offline) overturns it,
/// and the record shows both.
/// </summary>
public sealed class MissedDoseDetector(
    IRegimenStore regimens,
    DoseCalendar calendar,
    IDoseStore doses,
    IOptions<DoseOptions> options,
    Nodes.IJobLease lease,
    Telemetry.HubMetrics metrics,
    TimeProvider time,
    ILogger<MissedDoseDetector> logger) : BackgroundService
{
    // Several hub nodes: one scans, the others stand by to take over.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        lease.RunRoundsAsync("missed-doses", options.Value.ScanInterval, time, ScanAsync, ex => RegimenLog.MissedScanFailed(logger, ex), stoppingToken);

    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.MissedGrace;
        var recorded = 0;
        foreach (var householdId in await regimens.HouseholdsWithRegimensAsync(cancellationToken))
        {
            var overdue = (await calendar.ListAsync(householdId, now - options.Value.Lookback, cutoff, null, null, cancellationToken))
                .Where(e => e.Record is null && e.WindowCloses <= cutoff)
                .ToList();
            if (overdue.Count == 0)
            {
                continue;
            }

            var outcomes = overdue.Select(e => new DoseOutcome(
                e.DoseId, e.Plan.Id, e.ScheduledAt, DoseState.Missed, EventSource.Hub, null, now,
                $"The home reported nothing for this dose before its window closed at {e.WindowCloses:u}.")).ToList();
            foreach (var (entry, result) in overdue.Zip(await doses.RecordAsync(householdId, outcomes, cancellationToken)))
            {
                if (result.Decision.Changes())
                {
                    RegimenLog.PresumedMissed(logger, entry.DoseId, entry.Plan.Id, entry.WindowCloses);
                    metrics.DoseRecorded(DoseState.Missed, EventSource.Hub.ToWire());
                    recorded++;
                }
            }
        }

        return recorded;
    }
}
