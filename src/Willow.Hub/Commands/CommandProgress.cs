using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Hub.Commands;

/// <summary>
/// Records what the home reports about a command. Reports may repeat or arrive late; the store decides
/// atomically whether each one moves the command forward.
/// </summary>
public sealed class CommandProgress(ICommandStore commands, Live.LiveUpdates live, Telemetry.HubMetrics metrics, TimeProvider time, ILogger<CommandProgress> logger)
{
    public async Task<TransitionResult> RecordAsync(Guid householdId, CommandStateReport report, CancellationToken cancellationToken) =>
        (await RecordAllAsync(householdId, [report], cancellationToken))[0];

    public async Task<IReadOnlyList<TransitionResult>> RecordAllAsync(
        Guid householdId, IReadOnlyList<CommandStateReport> reports, CancellationToken cancellationToken)
    {
        var results = await commands.ApplyAsync(householdId, reports, cancellationToken);
        for (var i = 0; i < reports.Count; i++)
        {
            var (report, result) = (reports[i], results[i]);
            if (result.Decision.Changes() && result.Command is { } moved)
            {
                metrics.CommandReached(moved.Envelope.Kind, report.State);
                if (report.State == CommandState.Delivered)
                {
                    metrics.CommandDelivered(moved.Envelope.Kind, time.GetUtcNow() - moved.Envelope.IssuedAt);
                }
            }

            switch (result.Decision)
            {
                case TransitionDecision.Apply:
                    CommandLog.StateChanged(logger, report.CommandId, report.State.ToWire(), report.Source.ToWire());
                    break;
                case TransitionDecision.Overturn:
                    CommandLog.Overturned(logger, report.CommandId, report.State.ToWire(), result.Previous?.ToWire() ?? "unknown");
                    break;
                case TransitionDecision.Conflict when result.Command is not null:
                    CommandLog.ConflictingReport(logger, report.CommandId, report.State.ToWire(), report.Source.ToWire(), result.Command.State.ToWire());
                    break;
            }
        }

        // One message per command with its newest state, after the reports of the batch are all recorded.
        foreach (var changed in results.Where(r => r.Decision.Changes() && r.Command is not null).Select(r => r.Command!).Reverse().DistinctBy(c => c.Envelope.Id))
        {
            await live.CommandChangedAsync(changed);
        }

        return results;
    }
}
