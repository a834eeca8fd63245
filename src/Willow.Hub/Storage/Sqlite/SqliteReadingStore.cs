using Microsoft.Data.Sqlite;
using Willow.Core.Protocol;
using Willow.Hub.Readings;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteReadingStore(SqliteDatabase database) : IReadingStore
{
    public Task<IReadOnlyList<Reading>> AddAsync(
        Guid householdId, string deviceId, IReadOnlyList<SensorReading> readings, DateTimeOffset keepAfter, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<Reading>>(
            (connection, transaction) =>
            {
                var added = new List<Reading>();
                using var insert = connection.Command(
                    "INSERT OR IGNORE INTO readings (household_id, id, device_id, metric, value, at) VALUES ($household, $id, $device, $metric, $value, $at)",
                    transaction,
                    ("$household", householdId.ToString()), ("$id", ""), ("$device", deviceId), ("$metric", ""), ("$value", 0.0), ("$at", 0L));
                foreach (var reading in readings.Where(r => r.At > keepAfter))
                {
                    insert.Parameters["$id"].Value = reading.Id.ToString();
                    insert.Parameters["$metric"].Value = reading.Metric;
                    insert.Parameters["$value"].Value = reading.Value;
                    insert.Parameters["$at"].Value = reading.At.ToUnixMs();
                    if (insert.ExecuteNonQuery() == 1)
                    {
                        added.Add(new Reading(reading.Id, deviceId, reading.Metric, reading.Value, UnixTime.FromUnixMs(reading.At.ToUnixMs())));
                    }
                }

                connection.Execute(
                    "DELETE FROM readings WHERE household_id = $household AND device_id = $device AND at <= $keepAfter",
                    transaction,
                    ("$household", householdId.ToString()), ("$device", deviceId), ("$keepAfter", keepAfter.ToUnixMs()));
                return added;
            },
            cancellationToken);

    public Task<IReadOnlyList<Reading>> ListAsync(Guid householdId, ReadingQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Reading>>(database.Read(connection =>
        {
            // The latest 'limit' in the span, returned oldest first: a chart of "now" stays right when there is more.
            var latest = connection.Query(
                """
                SELECT id, device_id, metric, value, at FROM readings
                WHERE household_id = $household AND at >= $from AND at < $to
                  AND ($device IS NULL OR device_id = $device) AND ($metric IS NULL OR metric = $metric)
                ORDER BY at DESC, id DESC LIMIT $limit
                """,
                Read,
                null,
                ("$household", householdId.ToString()),
                ("$from", query.From.ToUnixMs()),
                ("$to", query.To.ToUnixMs()),
                ("$device", query.DeviceId),
                ("$metric", query.Metric),
                ("$limit", query.Limit));
            latest.Reverse();
            return latest;
        }));

    public Task<IReadOnlyList<Reading>> LatestAsync(Guid householdId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Reading>>(database.Read(connection => connection.Query(
            """
            SELECT r.id, r.device_id, r.metric, r.value, r.at FROM readings r
            JOIN (SELECT device_id, metric, MAX(at) AS at FROM readings WHERE household_id = $household GROUP BY device_id, metric) newest
              ON r.device_id = newest.device_id AND r.metric = newest.metric AND r.at = newest.at
            WHERE r.household_id = $household
            ORDER BY r.device_id, r.metric, r.id DESC
            """,
            Read,
            null,
            ("$household", householdId.ToString()))
            .DistinctBy(r => (r.DeviceId, r.Metric))
            .ToList()));

    private static Reading Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString("id")),
        reader.GetString("device_id"),
        reader.GetString("metric"),
        reader.GetDouble(reader.GetOrdinal("value")),
        UnixTime.FromUnixMs(reader.GetInt64("at")));
}
