using Microsoft.Extensions.Logging;
using Willow.Core.Commands;

namespace Willow.Agent.Actuations;

/// <summary>Structured log messages of the actuation path (event ids 3000–3099).</summary>
internal static partial class ActuationLog
{
    [LoggerMessage(3000, LogLevel.Information, "Command {CommandId} ({Kind}): intent recorded, moving")]
    public static partial void Started(ILogger logger, Guid commandId, string kind);

    [LoggerMessage(3001, LogLevel.Information, "Command {CommandId} finished {State}")]
    public static partial void Finished(ILogger logger, Guid commandId, CommandState state);

    [LoggerMessage(3002, LogLevel.Information, "Command {CommandId} seen before; answering {State} from the journal without moving")]
    public static partial void Replayed(ILogger logger, Guid commandId, CommandState state);

    [LoggerMessage(3003, LogLevel.Warning, "Command {CommandId} expired at {ExpiresAt:u} before it could start; nothing moved")]
    public static partial void Expired(ILogger logger, Guid commandId, DateTimeOffset expiresAt);

    [LoggerMessage(3004, LogLevel.Warning, "Command {CommandId} refused: locked out until {LockedUntil:u}")]
    public static partial void LockedOut(ILogger logger, Guid commandId, DateTimeOffset lockedUntil);

    [LoggerMessage(3005, LogLevel.Warning, "Command {CommandId} overrides the lockout: {By} said {Reason}")]
    public static partial void LockoutOverridden(ILogger logger, Guid commandId, string by, string reason);

    [LoggerMessage(3006, LogLevel.Error, "Command {CommandId}: the hardware failed part-way; outcome uncertain")]
    public static partial void HardwareFault(ILogger logger, Exception exception, Guid commandId);

    [LoggerMessage(3007, LogLevel.Warning, "Command {CommandId} refused: {Reason}")]
    public static partial void Refused(ILogger logger, Guid commandId, string reason);

    [LoggerMessage(3008, LogLevel.Warning, "Command {CommandId} ({Kind}) was executing when the agent stopped; marked uncertain and never run again")]
    public static partial void MarkedUncertain(ILogger logger, Guid commandId, string kind);

    [LoggerMessage(3009, LogLevel.Information, "Journal {Path} open; {Count} interrupted actuation(s) marked uncertain")]
    public static partial void JournalOpened(ILogger logger, string path, int count);
}
