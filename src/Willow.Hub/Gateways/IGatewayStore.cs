namespace Willow.Hub.Gateways;

/// <summary>Where the hub remembers which gateways are connected.</summary>
public interface IGatewayStore
{
    /// <summary>Records a new connection; it becomes the gateway's current one.</summary>
    Task MarkConnectedAsync(Guid householdId, string gatewayId, string connectionId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a connection closed. Returns false when the gateway has meanwhile connected again on
    /// another connection (a reconnect overlapping the old one's close): then it is still connected.
    /// </summary>
    Task<bool> MarkDisconnectedAsync(Guid householdId, string gatewayId, string connectionId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Lists a gateway declared in configuration before it first connects; no-op if known.</summary>
    Task DeclareAsync(Guid householdId, string gatewayId, CancellationToken cancellationToken);

    Task TouchAsync(Guid householdId, string gatewayId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records whether the gateway trusts its clock enough to give scheduled doses.</summary>
    Task ReportClockAsync(Guid householdId, string gatewayId, bool trusted, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<GatewayRecord>> ListAsync(Guid householdId, CancellationToken cancellationToken);
}
