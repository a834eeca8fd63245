using Microsoft.Extensions.Logging;
using Willow.Core.Commands;

namespace Willow.Gateway.Relay;

/// <summary>Structured log messages of the command relay (event ids 2000–2099).</summary>
internal static partial class RelayLog
{
    [LoggerMessage(2000, LogLevel.Information, "Command {CommandId} finished {State} (answered from the agent's journal: {Replayed})")]
    public static partial void Finished(ILogger logger, Guid commandId, CommandState state, bool replayed);

    [LoggerMessage(2001, LogLevel.Warning, "Command {CommandId} not started: {State}. {Reason}")]
    public static partial void NotStarted(ILogger logger, Guid commandId, CommandState state, string reason);

    [LoggerMessage(2002, LogLevel.Warning, "Command {CommandId}: device {DeviceId} did not answer ({Problem}); asking again in {Delay}")]
    public static partial void AgentRetry(ILogger logger, Guid commandId, string deviceId, string problem, TimeSpan delay);

    [LoggerMessage(2003, LogLevel.Information, "Resuming command {CommandId}, left {State} by the previous run")]
    public static partial void Resuming(ILogger logger, Guid commandId, CommandState state);

    [LoggerMessage(2004, LogLevel.Error, "Relaying command {CommandId} to {DeviceId} failed; it stays in the journal and resumes at the next start")]
    public static partial void LaneFault(ILogger logger, Exception exception, Guid commandId, string deviceId);
}
