using System.Text.Json;
using Willow.Core.Protocol;
using Willow.Gateway.Doses;
using Willow.Sqlite;

namespace Willow.Gateway.Journal;

/// <summary>Commands pressed in Home Assistant, and what Home Assistant shows of the doses.</summary>
public sealed partial class GatewayJournal
{
    /// <summary>
    /// Records a command the home issued itself (a press in Home Assistant) as <c>delivered</c> and queues it for the
    /// hub as issued at home, in one commit: the relay then decides and relays it like any other, and a restart
    /// before that resumes it (<see cref="Unfinished"/>). False if the id is known already.
    /// </summary>
    public bool RecordIssuedAtHome(CommandEnvelope command, DateTimeOffset now)
    {
        bool inserted;
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            inserted = _connection.Execute(
                """
                INSERT OR IGNORE INTO commands (id, device_id, kind, envelope, dose_id, state, detail, received_at, started_at, finished_at)
                VALUES ($id, $device, $kind, $envelope, NULL, 'delivered', NULL, $now, NULL, NULL)
                """,
                transaction,
                ("$id", command.Id.ToString()),
                ("$device", command.DeviceId),
                ("$kind", command.Kind),
                ("$envelope", JsonSerializer.Serialize(command, WillowJsonContext.Default.CommandEnvelope)),
                ("$now", now.ToUnixMs())) == 1;
            if (inserted)
            {
                // The hub records a command issued at home as delivered already; the states follow it in the outbox.
                AddToOutbox(transaction, OutboxKinds.CommandIssued, JsonSerializer.Serialize(command, WillowJsonContext.Default.CommandEnvelope), command.Id);
            }

            transaction.Commit();
        }

        if (inserted)
        {
            OutboxChanged?.Invoke();
        }

        return inserted;
    }

    /// <summary>The most recent dose of these regimens that has its outcome (dispensed, missed, skipped, uncertain).</summary>
    public HomeDose? LastSettledDose(IReadOnlyCollection<Guid> regimenIds)
    {
        if (regimenIds.Count == 0)
        {
            return null;
        }

        var names = regimenIds.Select((_, i) => $"$r{i}").ToList();
        lock (_gate)
        {
            return _connection.Query(
                $"""
                SELECT {DoseColumns} FROM doses
                WHERE regimen_id IN ({string.Join(", ", names)}) AND state NOT IN ('dispensing', 'held')
                ORDER BY scheduled_at DESC LIMIT 1
                """,
                ReadDose,
                null,
                [.. regimenIds.Select((id, i) => (names[i], (object?)id.ToString()))]).SingleOrDefault();
        }
    }
}
