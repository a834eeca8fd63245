using Microsoft.Data.Sqlite;
using Willow.Hub.Gateways;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteGatewayStore(SqliteDatabase database) : IGatewayStore
{
    public Task MarkConnectedAsync(Guid householdId, string gatewayId, string connectionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            """
            INSERT INTO gateways (household_id, gateway_id, connection_id, connected, last_connected_at, last_seen_at)
            VALUES ($household, $gateway, $connection, 1, $at, $at)
            ON CONFLICT (household_id, gateway_id) DO UPDATE SET
                connection_id = excluded.connection_id, connected = 1, last_connected_at = excluded.last_connected_at, last_seen_at = excluded.last_seen_at
            """,
            transaction,
            ("$household", householdId.ToString()),
            ("$gateway", gatewayId),
            ("$connection", connectionId),
            ("$at", at.ToUnixMs())), cancellationToken);

    public Task<bool> MarkDisconnectedAsync(Guid householdId, string gatewayId, string connectionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            """
            UPDATE gateways SET connected = 0, last_seen_at = $at
            WHERE household_id = $household AND gateway_id = $gateway AND connection_id = $connection
            """,
            transaction,
            ("$household", householdId.ToString()),
            ("$gateway", gatewayId),
            ("$connection", connectionId),
            ("$at", at.ToUnixMs())) == 1, cancellationToken);

    public Task TouchAsync(Guid householdId, string gatewayId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE gateways SET last_seen_at = $at WHERE household_id = $household AND gateway_id = $gateway",
                transaction,
                ("$household", householdId.ToString()),
                ("$gateway", gatewayId),
                ("$at", at.ToUnixMs())),
            cancellationToken);

    public Task DeclareAsync(Guid householdId, string gatewayId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "INSERT OR IGNORE INTO gateways (household_id, gateway_id, connected) VALUES ($household, $gateway, 0)",
                transaction,
                ("$household", householdId.ToString()),
                ("$gateway", gatewayId)),
            cancellationToken);

    public Task ReportClockAsync(Guid householdId, string gatewayId, bool trusted, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE gateways SET clock_trusted = $trusted, clock_reason = $reason, clock_at = $at WHERE household_id = $household AND gateway_id = $gateway",
                transaction,
                ("$trusted", trusted ? 1 : 0),
                ("$reason", reason),
                ("$at", at.ToUnixMs()),
                ("$household", householdId.ToString()),
                ("$gateway", gatewayId)),
            cancellationToken);

    public Task<IReadOnlyList<GatewayRecord>> ListAsync(Guid householdId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<GatewayRecord>>(database.Read(connection => connection.Query(
            "SELECT household_id, gateway_id, connected, last_connected_at, last_seen_at, clock_trusted, clock_reason, clock_at FROM gateways WHERE household_id = $household ORDER BY gateway_id",
            Read,
            null,
            ("$household", householdId.ToString()))));

    private static GatewayRecord Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString("household_id")),
        reader.GetString("gateway_id"),
        reader.GetInt64("connected") == 1,
        UnixTime.FromUnixMs(reader.GetNullableInt64("last_connected_at")),
        UnixTime.FromUnixMs(reader.GetNullableInt64("last_seen_at")),
        reader.GetNullableInt64("clock_trusted") is { } trusted ? trusted == 1 : null,
        reader.GetNullableString("clock_reason"),
        UnixTime.FromUnixMs(reader.GetNullableInt64("clock_at")));
}
