using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Hub.Commands;

/// <summary>
/// Records what the home reports about a command. Reports may repeat or arrive late; the store decides
/// atomically whether each one moves the command forward.
/// </summary>
public sealed class CommandProgress(ICommandStore commands, ILogger<CommandProgress> logger)
{
    public async Task<TransitionResult> RecordAsync(Guid householdId, CommandStateReport report, CancellationToken cancellationToken)
    {
        var before = await commands.GetAsync(householdId, report.CommandId, cancellationToken);
        var result = await commands.ApplyAsync(householdId, report, cancellationToken);
        switch (result.Decision)
        {
            case TransitionDecision.Apply:
                CommandLog.StateChanged(logger, report.CommandId, report.State, report.Source);
                break;
            case TransitionDecision.Overturn:
                CommandLog.Overturned(logger, report.CommandId, report.State, before?.State ?? report.State);
                break;
            case TransitionDecision.Conflict when result.Command is not null:
                CommandLog.ConflictingReport(logger, report.CommandId, report.State, report.Source, result.Command.State);
                break;
        }

        return result;
    }
}
