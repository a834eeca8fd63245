using Microsoft.Data.Sqlite;
using Willow.Hub.Gateways;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteGatewayStore(SqliteDatabase database) : IGatewayStore
{
    private const string Columns =
        "household_id, gateway_id, connected, last_connected_at, last_seen_at, clock_trusted, clock_reason, clock_at, enrolled_at, revoked_at, code_expires_at, connection_id";

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

    public Task<bool> PrepareEnrollmentAsync(Guid householdId, string gatewayId, string codeHash, DateTimeOffset codeExpiresAt, string by, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                """
                INSERT INTO gateways (household_id, gateway_id, connected, code_hash, code_expires_at, created_by)
                VALUES ($household, $gateway, 0, $code, $expires, $by)
                ON CONFLICT (household_id, gateway_id) DO UPDATE SET code_hash = excluded.code_hash, code_expires_at = excluded.code_expires_at
                WHERE gateways.revoked_at IS NULL
                """,
                transaction,
                ("$household", householdId.ToString()),
                ("$gateway", gatewayId),
                ("$code", codeHash),
                ("$expires", codeExpiresAt.ToUnixMs()),
                ("$by", by)) == 1,
            cancellationToken);

    public Task<GatewayRecord?> EnrollAsync(string codeHash, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var updated = connection.Execute(
                    """
                    UPDATE gateways SET token_hash = $token, enrolled_at = $now, code_hash = NULL, code_expires_at = NULL
                    WHERE code_hash = $code AND code_expires_at > $now AND revoked_at IS NULL
                    """,
                    transaction,
                    ("$token", tokenHash),
                    ("$now", now.ToUnixMs()),
                    ("$code", codeHash));
                return updated == 1
                    ? connection.Query($"SELECT {Columns} FROM gateways WHERE token_hash = $token", Read, transaction, ("$token", tokenHash)).Single()
                    : null;
            },
            cancellationToken);

    public Task<GatewayRecord?> FindByTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            $"SELECT {Columns} FROM gateways WHERE token_hash = $token AND revoked_at IS NULL", Read, null, ("$token", tokenHash)).SingleOrDefault()));

    public Task<GatewayRecord?> GetAsync(Guid householdId, string gatewayId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            $"SELECT {Columns} FROM gateways WHERE household_id = $household AND gateway_id = $gateway", Read, null,
            ("$household", householdId.ToString()), ("$gateway", gatewayId)).SingleOrDefault()));

    public Task<bool> RevokeAsync(Guid householdId, string gatewayId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                """
                UPDATE gateways SET revoked_at = COALESCE(revoked_at, $at), token_hash = NULL, code_hash = NULL, code_expires_at = NULL, connected = 0
                WHERE household_id = $household AND gateway_id = $gateway
                """,
                transaction,
                ("$at", at.ToUnixMs()),
                ("$household", householdId.ToString()),
                ("$gateway", gatewayId)) == 1,
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
            $"SELECT {Columns} FROM gateways WHERE household_id = $household ORDER BY gateway_id",
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
        UnixTime.FromUnixMs(reader.GetNullableInt64("clock_at")),
        UnixTime.FromUnixMs(reader.GetNullableInt64("enrolled_at")),
        UnixTime.FromUnixMs(reader.GetNullableInt64("revoked_at")),
        UnixTime.FromUnixMs(reader.GetNullableInt64("code_expires_at")),
        reader.GetNullableString("connection_id"));
}
