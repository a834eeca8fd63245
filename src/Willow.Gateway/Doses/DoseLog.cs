using Microsoft.Extensions.Logging;

namespace Willow.Gateway.Doses;

/// <summary>Structured log messages of the dose runner (event ids 2400–2499).</summary>
internal static partial class DoseLog
{
    [LoggerMessage(2400, LogLevel.Information, "Dose {DoseId}: {Medication} for {Pet}, due {ScheduledAt:u}; dispensing (command {CommandId})")]
    public static partial void Started(ILogger logger, Guid doseId, string medication, string pet, DateTimeOffset scheduledAt, Guid commandId);

    [LoggerMessage(2401, LogLevel.Information, "Dose {DoseId} is {State} (command {CommandId})")]
    public static partial void Settled(ILogger logger, Guid doseId, string state, Guid commandId);

    [LoggerMessage(2402, LogLevel.Warning, "Dose {DoseId} of {Medication} for {Pet} missed: {Reason}")]
    public static partial void Missed(ILogger logger, Guid doseId, string medication, string pet, string reason);

    [LoggerMessage(2403, LogLevel.Information, "Dose {DoseId} skipped, as a person asked")]
    public static partial void Skipped(ILogger logger, Guid doseId);

    [LoggerMessage(2404, LogLevel.Information, "Dose {DoseId} served by the dispense {CommandId} given inside its window")]
    public static partial void Served(ILogger logger, Guid doseId, Guid commandId);

    [LoggerMessage(2405, LogLevel.Warning, "Dose {DoseId} of {Medication} for {Pet} is due but the clock is not trusted: {Reason}")]
    public static partial void HeldByClock(ILogger logger, Guid doseId, string medication, string pet, string reason);

    [LoggerMessage(2406, LogLevel.Error, "A look at the schedule failed; trying again shortly")]
    public static partial void RoundFailed(ILogger logger, Exception exception);
}
