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
}
