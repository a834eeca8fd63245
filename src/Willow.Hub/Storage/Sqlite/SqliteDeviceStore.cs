using Microsoft.Data.Sqlite;
using Willow.Core.Protocol;
using Willow.Hub.Devices;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteDeviceStore(SqliteDatabase database, TimeProvider time) : IDeviceStore
{
    private const string Columns = "household_id, device_id, name, capabilities, link, gateway_id, online, last_seen_at, version, registered_at, capacity, remaining, locked_until, sounds";

    public Task<DeviceRecord?> GetAsync(Guid householdId, string deviceId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            $"SELECT {Columns} FROM devices WHERE household_id = $household AND device_id = $device",
            Read,
            null,
            ("$household", householdId.ToString()),
            ("$device", deviceId)).SingleOrDefault()));

    public Task<IReadOnlyList<DeviceRecord>> ListAsync(Guid householdId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeviceRecord>>(database.Read(connection => connection.Query(
            $"SELECT {Columns} FROM devices WHERE household_id = $household ORDER BY device_id",
            Read,
            null,
            ("$household", householdId.ToString()))));

    public Task<IReadOnlyList<Guid>> HouseholdsWithDevicesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>(database.Read(connection => connection.Query(
            "SELECT DISTINCT household_id FROM devices", r => Guid.Parse(r.GetString("household_id")))));

    public Task ApplyGatewayReportAsync(Guid householdId, string gatewayId, DevicePresenceReport report, CancellationToken cancellationToken)
    {
        // The hub's own clock stamps presence: a gateway's clock may be wrong after a power cut.
        var now = time.GetUtcNow().ToUnixMs();
        return database.WriteAsync((connection, transaction) => Apply(connection, transaction, householdId, gatewayId, report, now), cancellationToken);
    }

    private static int Apply(SqliteConnection connection, SqliteTransaction transaction, Guid householdId, string gatewayId, DevicePresenceReport report, long now)
    {
        foreach (var device in report.Devices)
        {
            connection.Execute(
                """
                INSERT INTO devices (household_id, device_id, name, capabilities, link, gateway_id, online, last_seen_at, version, registered_at, locked_until, sounds)
                VALUES ($household, $device, $name, $capabilities, 'gateway', $gateway, $online, CASE WHEN $online = 1 THEN $now END, $version, $now, $lockedUntil, $sounds)
                ON CONFLICT (household_id, device_id) DO UPDATE SET
                    name = excluded.name,
                    capabilities = CASE WHEN excluded.capabilities = '' THEN devices.capabilities ELSE excluded.capabilities END,
                    link = 'gateway',
                    gateway_id = excluded.gateway_id,
                    online = excluded.online,
                    last_seen_at = CASE WHEN excluded.online = 1 THEN $now ELSE devices.last_seen_at END,
                    version = COALESCE(excluded.version, devices.version),
                    locked_until = excluded.locked_until,
                    sounds = COALESCE(excluded.sounds, devices.sounds)
                """,
                transaction,
                ("$household", householdId.ToString()),
                ("$device", device.DeviceId),
                ("$name", device.Name),
                ("$capabilities", string.Join(',', device.Capabilities)),
                ("$gateway", gatewayId),
                ("$online", device.Online ? 1 : 0),
                ("$now", now),
                ("$version", device.Version),
                ("$lockedUntil", device.LockedUntil?.ToUnixMs()),
                ("$sounds", device.Sounds is null ? null : string.Join(',', device.Sounds)));
        }

        var reported = System.Text.Json.JsonSerializer.Serialize(report.Devices.Select(d => d.DeviceId).ToArray(), HubJsonContext.Default.StringArray);
        return connection.Execute(
            """
            UPDATE devices SET online = 0
            WHERE household_id = $household AND gateway_id = $gateway AND link = 'gateway'
              AND device_id NOT IN (SELECT value FROM json_each($reported))
            """,
            transaction,
            ("$household", householdId.ToString()),
            ("$gateway", gatewayId),
            ("$reported", reported));
    }

    public Task MarkGatewayDevicesOfflineAsync(Guid householdId, string gatewayId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE devices SET online = 0 WHERE household_id = $household AND gateway_id = $gateway AND link = 'gateway'",
                transaction,
                ("$household", householdId.ToString()),
                ("$gateway", gatewayId)),
            cancellationToken);

    public Task UpsertDirectAsync(Guid householdId, string deviceId, DirectDeviceHello hello, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            """
            INSERT INTO devices (household_id, device_id, name, capabilities, link, gateway_id, online, last_seen_at, version, registered_at)
            VALUES ($household, $device, $name, $capabilities, 'direct', NULL, 1, $at, $version, $at)
            ON CONFLICT (household_id, device_id) DO UPDATE SET
                name = excluded.name, capabilities = excluded.capabilities, link = 'direct', gateway_id = NULL,
                online = 1, last_seen_at = excluded.last_seen_at, version = excluded.version
            """,
            transaction,
            ("$household", householdId.ToString()),
            ("$device", deviceId),
            ("$name", hello.Name),
            ("$capabilities", string.Join(',', hello.Capabilities)),
            ("$at", at.ToUnixMs()),
            ("$version", hello.Version)), cancellationToken);

    public Task<DeviceRecord?> RefillAsync(
        Guid householdId, string deviceId, int? capacity, int remaining, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var updated = connection.Execute(
                    """
                    UPDATE devices SET capacity = COALESCE($capacity, capacity), remaining = $remaining
                    WHERE household_id = $household AND device_id = $device
                    """,
                    transaction,
                    ("$capacity", capacity),
                    ("$remaining", remaining),
                    ("$household", householdId.ToString()),
                    ("$device", deviceId));
                if (updated == 0)
                {
                    return null;
                }

                connection.Execute(
                    "INSERT INTO refills (household_id, device_id, at, by, capacity, remaining) VALUES ($household, $device, $at, $by, $capacity, $remaining)",
                    transaction,
                    ("$household", householdId.ToString()),
                    ("$device", deviceId),
                    ("$at", at.ToUnixMs()),
                    ("$by", by),
                    ("$capacity", capacity),
                    ("$remaining", remaining));
                return connection.Query(
                    $"SELECT {Columns} FROM devices WHERE household_id = $household AND device_id = $device", Read, transaction,
                    ("$household", householdId.ToString()), ("$device", deviceId)).Single();
            },
            cancellationToken);

    public Task SetSoundsAsync(Guid householdId, string deviceId, IReadOnlyList<string> sounds, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE devices SET sounds = $sounds WHERE household_id = $household AND device_id = $device",
                transaction,
                ("$household", householdId.ToString()),
                ("$device", deviceId),
                ("$sounds", string.Join(',', sounds))),
            cancellationToken);

    public Task SetCredentialAsync(Guid householdId, string deviceId, string tokenHash, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                """
                INSERT INTO device_credentials (household_id, device_id, token_hash, created_by, created_at) VALUES ($household, $device, $hash, $by, $at)
                ON CONFLICT (household_id, device_id) DO UPDATE SET token_hash = excluded.token_hash, created_by = excluded.created_by,
                    created_at = excluded.created_at, revoked_at = NULL
                """,
                transaction,
                ("$household", householdId.ToString()),
                ("$device", deviceId),
                ("$hash", tokenHash),
                ("$by", by),
                ("$at", at.ToUnixMs())),
            cancellationToken);

    public Task<(Guid HouseholdId, string DeviceId)?> FindCredentialAsync(string tokenHash, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            "SELECT household_id, device_id FROM device_credentials WHERE token_hash = $hash AND revoked_at IS NULL",
            r => ((Guid, string)?)(Guid.Parse(r.GetString("household_id")), r.GetString("device_id")),
            null,
            ("$hash", tokenHash)).SingleOrDefault()));

    public Task<bool> RevokeCredentialAsync(Guid householdId, string deviceId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE device_credentials SET revoked_at = $at WHERE household_id = $household AND device_id = $device AND revoked_at IS NULL",
                transaction,
                ("$at", at.ToUnixMs()),
                ("$household", householdId.ToString()),
                ("$device", deviceId)) == 1,
            cancellationToken);

    public Task TouchDirectAsync(Guid householdId, string deviceId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE devices SET online = 1, last_seen_at = $at WHERE household_id = $household AND device_id = $device AND link = 'direct'",
                transaction,
                ("$household", householdId.ToString()),
                ("$device", deviceId),
                ("$at", at.ToUnixMs())),
            cancellationToken);

    private static DeviceRecord Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString("household_id")),
        reader.GetString("device_id"),
        reader.GetString("name"),
        reader.GetString("capabilities").Split(',', StringSplitOptions.RemoveEmptyEntries),
        reader.GetString("link"),
        reader.GetNullableString("gateway_id"),
        reader.GetInt64("online") == 1,
        UnixTime.FromUnixMs(reader.GetNullableInt64("last_seen_at")),
        reader.GetNullableString("version"),
        UnixTime.FromUnixMs(reader.GetInt64("registered_at")),
        (int?)reader.GetNullableInt64("capacity"),
        (int?)reader.GetNullableInt64("remaining"),
        UnixTime.FromUnixMs(reader.GetNullableInt64("locked_until")),
        reader.GetNullableString("sounds")?.Split(',', StringSplitOptions.RemoveEmptyEntries));
}
