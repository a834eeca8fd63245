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

    /// <summary>
    /// Creates a gateway waiting to enrol with a one-time code, or gives an existing one a new code (a new Pi
    /// in its place). Returns false if the id belongs to a revoked gateway (ids are not reused).
    /// </summary>
    Task<bool> PrepareEnrollmentAsync(Guid householdId, string gatewayId, string codeHash, DateTimeOffset codeExpiresAt, string by, CancellationToken cancellationToken);

    /// <summary>Spends an enrolment code, once, for a token. Null if the code is unknown, spent, expired or revoked.</summary>
    Task<GatewayRecord?> EnrollAsync(string codeHash, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The gateway holding this token, if it is not revoked.</summary>
    Task<GatewayRecord?> FindByTokenAsync(string tokenHash, CancellationToken cancellationToken);

    Task<GatewayRecord?> GetAsync(Guid householdId, string gatewayId, CancellationToken cancellationToken);

    /// <summary>Revokes the gateway's token and any open code. False if unknown.</summary>
    Task<bool> RevokeAsync(Guid householdId, string gatewayId, DateTimeOffset at, CancellationToken cancellationToken);

    Task TouchAsync(Guid householdId, string gatewayId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records whether the gateway trusts its clock enough to give scheduled doses.</summary>
    Task ReportClockAsync(Guid householdId, string gatewayId, bool trusted, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<GatewayRecord>> ListAsync(Guid householdId, CancellationToken cancellationToken);
}
