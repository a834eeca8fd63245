namespace Willow.Hub.Gateways;

/// <summary>Structured log messages of the gateway link (event ids 1100–1199).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1100, LogLevel.Information, "Gateway {GatewayId} of household {HouseholdId} connected ({ConnectionId})")]
    public static partial void Connected(ILogger logger, string gatewayId, Guid householdId, string connectionId);

    [LoggerMessage(1101, LogLevel.Information, "Gateway {GatewayId} of household {HouseholdId} disconnected: {Reason}")]
    public static partial void Disconnected(ILogger logger, string gatewayId, Guid householdId, string reason);

    [LoggerMessage(1102, LogLevel.Information, "Gateway {GatewayId} synced {Count} open command(s)")]
    public static partial void Synced(ILogger logger, string gatewayId, int count);

    [LoggerMessage(1103, LogLevel.Warning, "Gateway {GatewayId} reported command {CommandId}, which this household does not have")]
    public static partial void UnknownCommand(ILogger logger, string gatewayId, Guid commandId);

    [LoggerMessage(1104, LogLevel.Debug, "Gateway {GatewayId} reported {Count} device(s), {Online} online")]
    public static partial void DevicesReported(ILogger logger, string gatewayId, int count, int online);

    [LoggerMessage(1105, LogLevel.Information, "Gateway {GatewayId} issued command {CommandId} ({Kind}) for {DeviceId} itself")]
    public static partial void IssuedAtHome(ILogger logger, string gatewayId, Guid commandId, string kind, string deviceId);

    [LoggerMessage(1106, LogLevel.Information, "Dose {DoseId} is {State} (reported by the home)")]
    public static partial void DoseRecorded(ILogger logger, Guid doseId, string state);

    [LoggerMessage(1107, LogLevel.Warning, "Dose {DoseId}: the home reports {State} although the hub had recorded {Presumed}; recording what happened")]
    public static partial void DoseOverturned(ILogger logger, Guid doseId, string state, string presumed);

    [LoggerMessage(1108, LogLevel.Information, "Gateway {GatewayId} clock trusted: {Trusted} ({Reason})")]
    public static partial void Clock(ILogger logger, string gatewayId, bool trusted, string reason);

    [LoggerMessage(1109, LogLevel.Information, "Gateway {GatewayId} of household {HouseholdId} enrolled")]
    public static partial void Enrolled(ILogger logger, string gatewayId, Guid householdId);

    [LoggerMessage(1110, LogLevel.Warning, "Gateway {GatewayId} of household {HouseholdId} revoked by {By}; its connections are being closed on every hub node")]
    public static partial void Revoked(ILogger logger, string gatewayId, Guid householdId, string by);

    [LoggerMessage(1112, LogLevel.Information, "Closed {Connections} connection(s) of retired gateway {GatewayId} of household {HouseholdId} on this hub node")]
    public static partial void ConnectionsClosed(ILogger logger, string gatewayId, Guid householdId, int connections);

    [LoggerMessage(1111, LogLevel.Warning, "A gateway enrolment with an unknown, spent or expired code was refused")]
    public static partial void EnrollmentRefused(ILogger logger);
}
