namespace Willow.Hub.Commands;

/// <summary>Structured log messages of the command feature (event ids 1000–1099).</summary>
internal static partial class CommandLog
{
    [LoggerMessage(1000, LogLevel.Information, "Command {CommandId} ({Kind}) for {DeviceId} in household {HouseholdId} accepted from {Caller}")]
    public static partial void Accepted(ILogger logger, Guid commandId, string kind, string deviceId, Guid householdId, string caller);

    [LoggerMessage(1001, LogLevel.Debug, "Command {CommandId} pushed to gateway {GatewayId}")]
    public static partial void Pushed(ILogger logger, Guid commandId, string gatewayId);

    [LoggerMessage(1002, LogLevel.Warning, "Command {CommandId} could not be pushed to gateway {GatewayId}; it will be delivered on the next sync")]
    public static partial void PushFailed(ILogger logger, Exception exception, Guid commandId, string gatewayId);

    [LoggerMessage(1003, LogLevel.Information, "Command {CommandId} is {State} (reported by {Source})")]
    public static partial void StateChanged(ILogger logger, Guid commandId, string state, string source);

    [LoggerMessage(1004, LogLevel.Warning, "Command {CommandId}: the home reports {State} although the hub had presumed {Presumed}; recording what happened")]
    public static partial void Overturned(ILogger logger, Guid commandId, string state, string presumed);

    [LoggerMessage(1005, LogLevel.Warning, "Command {CommandId}: report of {State} from {Source} contradicts its recorded {Current}; kept {Current}")]
    public static partial void ConflictingReport(ILogger logger, Guid commandId, string state, string source, string current);

    [LoggerMessage(1006, LogLevel.Information, "Idempotency key {Key} replayed: answering with command {CommandId}")]
    public static partial void IdempotentReplay(ILogger logger, string key, Guid commandId);

    [LoggerMessage(1007, LogLevel.Information, "{Count} queued command(s) expired before the home took them")]
    public static partial void Expired(ILogger logger, int count);

    [LoggerMessage(1008, LogLevel.Error, "Sweeping expired commands failed; trying again at the next interval")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(1009, LogLevel.Information, "Command {CommandId} cancelled by {Caller}")]
    public static partial void Cancelled(ILogger logger, Guid commandId, string caller);
}
