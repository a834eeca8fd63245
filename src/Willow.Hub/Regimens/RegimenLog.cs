namespace Willow.Hub.Regimens;

/// <summary>Structured log messages of regimens and doses (event ids 1200–1299).</summary>
internal static partial class RegimenLog
{
    [LoggerMessage(1200, LogLevel.Information, "Regimen {RegimenId} created: {Medication} for {Pet}, {Schedule}, by {Caller}")]
    public static partial void Created(ILogger logger, Guid regimenId, string medication, string pet, string schedule, string caller);

    [LoggerMessage(1201, LogLevel.Information, "Regimen {RegimenId} {Change} (version {Version}) by {Caller}")]
    public static partial void Changed(ILogger logger, Guid regimenId, string change, int version, string caller);

    [LoggerMessage(1202, LogLevel.Debug, "Regimens of household {HouseholdId} pushed to its gateways")]
    public static partial void Published(ILogger logger, Guid householdId);

    [LoggerMessage(1203, LogLevel.Warning, "Dose {DoseId} of regimen {RegimenId} missed: the home reported nothing before its window closed at {WindowCloses:u}")]
    public static partial void PresumedMissed(ILogger logger, Guid doseId, Guid regimenId, DateTimeOffset windowCloses);

    [LoggerMessage(1204, LogLevel.Information, "Dose {DoseId} is {State} (reported by {Source})")]
    public static partial void DoseRecorded(ILogger logger, Guid doseId, string state, string source);

    [LoggerMessage(1205, LogLevel.Warning, "Dose {DoseId}: the home reports {State} although the hub had recorded {Presumed}; recording what happened")]
    public static partial void DoseOverturned(ILogger logger, Guid doseId, string state, string presumed);

    [LoggerMessage(1206, LogLevel.Error, "Looking for missed doses failed; trying again at the next round")]
    public static partial void MissedScanFailed(ILogger logger, Exception exception);
}
