using System.Text.Json;
using Microsoft.Data.Sqlite;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Regimens;
using Willow.Gateway.Doses;
using Willow.Sqlite;

namespace Willow.Gateway.Journal;

/// <summary>The doses the gateway runs, the regimens it runs them from, and its clock reports.</summary>
public sealed partial class GatewayJournal
{
    private const string DoseColumns = "dose_id, regimen_id, scheduled_at, state, command_id, command, issue_after, detail, updated_at";

    public HomeDose? FindDose(Guid doseId)
    {
        lock (_gate)
        {
            return _connection.Query($"SELECT {DoseColumns} FROM doses WHERE dose_id = $id", ReadDose, null, ("$id", doseId.ToString())).SingleOrDefault();
        }
    }

    /// <summary>Doses whose commands are still on their way.</summary>
    public IReadOnlyList<HomeDose> DosesInFlight()
    {
        lock (_gate)
        {
            return _connection.Query($"SELECT {DoseColumns} FROM doses WHERE state = 'dispensing'", ReadDose);
        }
    }

    /// <summary>
    /// Starts a dose: the dose (dispensing, with its dispense command) and the commands issued for it are
    /// committed together, so a restart finds either all of them or none.
    /// </summary>
    public void StartDose(DoseOccurrence dose, CommandEnvelope dispense, CommandEnvelope? call, DateTimeOffset? issueAfter, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            _connection.Execute(
                $"""
                INSERT INTO doses ({DoseColumns}) VALUES ($id, $regimen, $scheduled, 'dispensing', $command_id, $command, $after, NULL, $now)
                ON CONFLICT (dose_id) DO UPDATE SET state = 'dispensing', command_id = excluded.command_id, command = excluded.command,
                    issue_after = excluded.issue_after, detail = NULL, updated_at = excluded.updated_at
                """,
                transaction,
                ("$id", dose.DoseId.ToString()),
                ("$regimen", dose.RegimenId.ToString()),
                ("$scheduled", dose.ScheduledAt.ToUnixMs()),
                ("$command_id", dispense.Id.ToString()),
                ("$command", JsonSerializer.Serialize(dispense, WillowJsonContext.Default.CommandEnvelope)),
                ("$after", issueAfter.ToUnixMs()),
                ("$now", now.ToUnixMs()));
            if (call is not null)
            {
                AddToOutbox(transaction, OutboxKinds.CommandIssued, JsonSerializer.Serialize(call, WillowJsonContext.Default.CommandEnvelope), call.Id);
            }

            AddToOutbox(transaction, OutboxKinds.CommandIssued, JsonSerializer.Serialize(dispense, WillowJsonContext.Default.CommandEnvelope), dispense.Id);
            transaction.Commit();
        }

        OutboxChanged?.Invoke();
    }

    /// <summary>
    /// Records where a dose stands; a final state is also queued for the hub, in the same commit, and so is
    /// <paramref name="followUp"/>, a command the outcome leads to (the photo after the dose).
    /// </summary>
    public void RecordDose(
        Guid doseId, Guid regimenId, DateTimeOffset scheduledAt, HomeDoseState state, Guid? commandId, string? detail, DateTimeOffset now, CommandEnvelope? followUp = null)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            _connection.Execute(
                $"""
                INSERT INTO doses ({DoseColumns}) VALUES ($id, $regimen, $scheduled, $state, $command_id, NULL, NULL, $detail, $now)
                ON CONFLICT (dose_id) DO UPDATE SET state = excluded.state,
                    command_id = COALESCE(excluded.command_id, doses.command_id), detail = excluded.detail, updated_at = excluded.updated_at
                """,
                transaction,
                ("$id", doseId.ToString()),
                ("$regimen", regimenId.ToString()),
                ("$scheduled", scheduledAt.ToUnixMs()),
                ("$state", state.ToWire()),
                ("$command_id", commandId?.ToString()),
                ("$detail", detail),
                ("$now", now.ToUnixMs()));
            if (state.IsFinal())
            {
                var report = new DoseReport(doseId, regimenId, scheduledAt, state.ToDoseState(), commandId, now, detail);
                AddToOutbox(transaction, OutboxKinds.Dose, JsonSerializer.Serialize(report, WillowJsonContext.Default.DoseReport));
            }

            if (followUp is not null)
            {
                AddToOutbox(transaction, OutboxKinds.CommandIssued, JsonSerializer.Serialize(followUp, WillowJsonContext.Default.CommandEnvelope), followUp.Id);
            }

            transaction.Commit();
        }

        if (state.IsFinal())
        {
            OutboxChanged?.Invoke();
        }
    }

    /// <summary>
    /// A dispense on the device that started in [<paramref name="from"/>, <paramref name="to"/>], may have released
    /// something, and serves no other dose: the manual "feed now" that a scheduled dose must not be given on top of.
    /// </summary>
    public RelayedCommand? FindServingDispense(string deviceId, DateTimeOffset from, DateTimeOffset to, Guid doseId)
    {
        lock (_gate)
        {
            return _connection.Query(
                $"""
                SELECT {Columns} FROM commands c
                WHERE device_id = $device AND kind = $kind AND state IN ('succeeded', 'uncertain')
                  AND started_at BETWEEN $from AND $to
                  AND (dose_id IS NULL OR dose_id = $dose)
                  AND NOT EXISTS (SELECT 1 FROM doses d WHERE d.command_id = c.id AND d.dose_id <> $dose)
                ORDER BY started_at
                LIMIT 1
                """,
                Read,
                null,
                ("$device", deviceId),
                ("$kind", CommandKinds.Dispense),
                ("$from", from.ToUnixMs()),
                ("$to", to.ToUnixMs()),
                ("$dose", doseId.ToString())).SingleOrDefault();
        }
    }

    /// <summary>Whether the call issued for a dose has finished (so its dispense may go).</summary>
    public bool CallFinishedForDose(Guid doseId)
    {
        lock (_gate)
        {
            return Convert.ToInt64(_connection.Scalar(
                "SELECT COUNT(*) FROM commands WHERE dose_id = $dose AND kind = $kind AND state NOT IN ('delivered', 'executing')",
                null,
                ("$dose", doseId.ToString()),
                ("$kind", CommandKinds.Call)), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
    }

    public void SaveRegimenSet(RegimenSet set, DateTimeOffset now)
    {
        lock (_gate)
        {
            _connection.Execute(
                "INSERT INTO regimen_set (id, payload, received_at) VALUES (1, $payload, $now) ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, received_at = excluded.received_at",
                null,
                ("$payload", JsonSerializer.Serialize(set, WillowJsonContext.Default.RegimenSet)),
                ("$now", now.ToUnixMs()));
        }
    }

    public RegimenSet? LoadRegimenSet()
    {
        lock (_gate)
        {
            var payload = _connection.Scalar("SELECT payload FROM regimen_set WHERE id = 1") as string;
            return payload is null ? null : JsonSerializer.Deserialize(payload, WillowJsonContext.Default.RegimenSet);
        }
    }

    public void RecordClock(ClockReport report)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            AddToOutbox(transaction, OutboxKinds.Clock, JsonSerializer.Serialize(report, WillowJsonContext.Default.ClockReport));
            transaction.Commit();
        }

        OutboxChanged?.Invoke();
    }

    private static HomeDose ReadDose(SqliteDataReader r) => new(
        Guid.Parse(r.GetString("dose_id")),
        Guid.Parse(r.GetString("regimen_id")),
        UnixTime.FromUnixMs(r.GetInt64("scheduled_at")),
        HomeDoseStates.Parse(r.GetString("state")),
        r.GetNullableString("command_id") is { } id ? Guid.Parse(id) : null,
        r.GetNullableString("command") is { } json ? JsonSerializer.Deserialize(json, WillowJsonContext.Default.CommandEnvelope) : null,
        UnixTime.FromUnixMs(r.GetNullableInt64("issue_after")),
        r.GetNullableString("detail"),
        UnixTime.FromUnixMs(r.GetInt64("updated_at")));
}
