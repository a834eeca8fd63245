using System.Globalization;
using System.Text.Json;
using Willow.Core.Protocol;
using Willow.Sqlite;

namespace Willow.Gateway.Journal;

/// <summary>Sensor readings on their way from the agents to the hub.</summary>
public sealed partial class GatewayJournal
{
    /// <summary>Raised after a page of readings is committed (Home Assistant shows the newest at once).</summary>
    public event Action<ReadingPage>? ReadingsRecorded;

    /// <summary>Where to ask an agent for readings from: everything before it is in the outbox or at the hub.</summary>
    public long ReadingCursor(string deviceId)
    {
        lock (_gate)
        {
            return _connection.Scalar("SELECT next FROM reading_cursors WHERE device_id = $device", null, ("$device", deviceId)) is long next ? next : 0;
        }
    }

    /// <summary>
    /// Queues a page of readings for the hub and moves the device's cursor past it, in one commit: a restart
    /// between the two can neither lose the page nor ask for it again.
    /// </summary>
    public void RecordReadings(ReadingPage page)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            if (page.Readings.Count > 0)
            {
                AddToOutbox(transaction, OutboxKinds.Readings, JsonSerializer.Serialize(
                    new DeviceReadings(page.DeviceId, page.Readings), WillowJsonContext.Default.DeviceReadings));
            }

            _connection.Execute(
                "INSERT INTO reading_cursors (device_id, next) VALUES ($device, $next) ON CONFLICT (device_id) DO UPDATE SET next = excluded.next",
                transaction,
                ("$device", page.DeviceId),
                ("$next", page.Next));
            transaction.Commit();
        }

        if (page.Readings.Count > 0)
        {
            OutboxChanged?.Invoke();
            ReadingsRecorded?.Invoke(page);
        }
    }

    /// <summary>
    /// Keeps the queue of readings for the hub to at most <paramref name="maxBatches"/> batches by dropping the
    /// oldest (an outage of weeks must not fill the gateway's card; doses and commands are never dropped).
    /// Returns how many readings were dropped.
    /// </summary>
    public int TrimQueuedReadings(int maxBatches)
    {
        lock (_gate)
        {
            var queued = Convert.ToInt32(_connection.Scalar("SELECT COUNT(*) FROM outbox WHERE kind = $kind", null, ("$kind", OutboxKinds.Readings)), CultureInfo.InvariantCulture);
            if (queued <= maxBatches)
            {
                return 0;
            }

            using var transaction = _connection.BeginTransaction();
            var dropped = _connection.Query(
                "SELECT payload FROM outbox WHERE kind = $kind ORDER BY seq LIMIT $count",
                r => JsonSerializer.Deserialize(r.GetString(0), WillowJsonContext.Default.DeviceReadings)?.Readings.Count ?? 0,
                transaction,
                ("$kind", OutboxKinds.Readings),
                ("$count", queued - maxBatches)).Sum();
            _connection.Execute(
                "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE kind = $kind ORDER BY seq LIMIT $count)",
                transaction,
                ("$kind", OutboxKinds.Readings),
                ("$count", queued - maxBatches));
            transaction.Commit();
            return dropped;
        }
    }
}
