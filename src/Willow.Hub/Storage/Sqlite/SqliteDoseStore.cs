using Microsoft.Data.Sqlite;
using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Hub.Doses;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteDoseStore(SqliteDatabase database) : IDoseStore
{
    private const string Columns =
        "id, household_id, regimen_id, scheduled_at, state, state_source, command_id, detail, confirmed_by, confirmed_at, updated_at";

    public Task<DoseRecord?> GetAsync(Guid householdId, Guid doseId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => Load(connection, null, householdId, doseId)));

    public Task<IReadOnlyList<DoseRecord>> ListAsync(Guid householdId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DoseRecord>>(database.Read(connection =>
        {
            var rows = connection.Query(
                $"SELECT {Columns} FROM doses WHERE household_id = $household AND scheduled_at BETWEEN $from AND $to ORDER BY scheduled_at",
                ReadRow,
                null,
                ("$household", householdId.ToString()),
                ("$from", from.ToUnixMs()),
                ("$to", to.ToUnixMs()));
            return rows.Select(r => r with { Events = LoadEvents(connection, null, r.Id) }).ToList();
        }));

    public Task<IReadOnlyList<DoseTransition>> RecordAsync(Guid householdId, IReadOnlyList<DoseOutcome> outcomes, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<DoseTransition>>(
            (connection, transaction) => [.. outcomes.Select(o => Record(connection, transaction, householdId, o))],
            cancellationToken);

    public Task<DoseRecord?> ConfirmAsync(Guid householdId, Guid doseId, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var updated = connection.Execute(
                    """
                    UPDATE doses SET confirmed_by = $by, confirmed_at = $at
                    WHERE household_id = $household AND id = $id AND state = 'dispensed' AND confirmed_at IS NULL
                    """,
                    transaction,
                    ("$by", by),
                    ("$at", at.ToUnixMs()),
                    ("$household", householdId.ToString()),
                    ("$id", doseId.ToString()));
                var dose = Load(connection, transaction, householdId, doseId);
                return dose is { State: DoseState.Dispensed } && (updated == 1 || dose.ConfirmedAt is not null) ? dose : null;
            },
            cancellationToken);

    public Task<IReadOnlyList<Guid>> ListSkippedAsync(Guid householdId, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>(database.Read(connection => connection.Query(
            "SELECT id FROM doses WHERE household_id = $household AND state = 'skipped' AND scheduled_at >= $since",
            r => Guid.Parse(r.GetString("id")),
            null,
            ("$household", householdId.ToString()),
            ("$since", since.ToUnixMs()))));

    private static DoseTransition Record(SqliteConnection connection, SqliteTransaction transaction, Guid householdId, DoseOutcome outcome)
    {
        var current = Load(connection, transaction, householdId, outcome.DoseId, withEvents: false);
        var decision = DoseStates.Decide(current?.State ?? DoseState.Scheduled, current?.StateSource ?? EventSource.Hub, outcome.State, outcome.Source);
        if (decision.Changes())
        {
            var detail = decision == TransitionDecision.Overturn
                ? $"The home reports this after the hub had recorded the dose {current!.State.ToWire()}; what the home did stands. {outcome.Detail}".TrimEnd()
                : outcome.Detail;
            connection.Execute(
                """
                INSERT INTO doses (id, household_id, regimen_id, scheduled_at, state, state_source, command_id, detail, updated_at)
                VALUES ($id, $household, $regimen, $scheduled, $state, $source, $command, $detail, $at)
                ON CONFLICT (id) DO UPDATE SET
                    state = excluded.state, state_source = excluded.state_source,
                    command_id = COALESCE(excluded.command_id, doses.command_id), detail = excluded.detail, updated_at = excluded.updated_at
                """,
                transaction,
                ("$id", outcome.DoseId.ToString()),
                ("$household", householdId.ToString()),
                ("$regimen", outcome.RegimenId.ToString()),
                ("$scheduled", outcome.ScheduledAt.ToUnixMs()),
                ("$state", outcome.State.ToWire()),
                ("$source", outcome.Source.ToWire()),
                ("$command", outcome.CommandId?.ToString()),
                ("$detail", detail),
                ("$at", outcome.At.ToUnixMs()));
            connection.Execute(
                "INSERT INTO dose_events (dose_id, state, at, source, command_id, detail) VALUES ($id, $state, $at, $source, $command, $detail)",
                transaction,
                ("$id", outcome.DoseId.ToString()),
                ("$state", outcome.State.ToWire()),
                ("$at", outcome.At.ToUnixMs()),
                ("$source", outcome.Source.ToWire()),
                ("$command", outcome.CommandId?.ToString()),
                ("$detail", detail));
        }

        var after = Load(connection, transaction, householdId, outcome.DoseId) ?? new DoseRecord(
            outcome.DoseId, householdId, outcome.RegimenId, outcome.ScheduledAt, DoseState.Scheduled, EventSource.Hub, null, null, null, null, outcome.At, []);
        return new DoseTransition(decision, after, current?.State);
    }

    private static DoseRecord? Load(SqliteConnection connection, SqliteTransaction? transaction, Guid householdId, Guid doseId, bool withEvents = true)
    {
        var row = connection.Query(
            $"SELECT {Columns} FROM doses WHERE household_id = $household AND id = $id",
            ReadRow,
            transaction,
            ("$household", householdId.ToString()),
            ("$id", doseId.ToString())).SingleOrDefault();
        return row is null || !withEvents ? row : row with { Events = LoadEvents(connection, transaction, doseId) };
    }

    private static List<DoseEvent> LoadEvents(SqliteConnection connection, SqliteTransaction? transaction, Guid doseId) =>
        connection.Query(
            "SELECT state, at, source, command_id, detail FROM dose_events WHERE dose_id = $id ORDER BY seq",
            r => new DoseEvent(
                DoseStates.Parse(r.GetString("state")),
                UnixTime.FromUnixMs(r.GetInt64("at")),
                WireNames.ParseSource(r.GetString("source")),
                r.GetNullableString("command_id") is { } c ? Guid.Parse(c) : null,
                r.GetNullableString("detail")),
            transaction,
            ("$id", doseId.ToString()));

    private static DoseRecord ReadRow(SqliteDataReader r) => new(
        Guid.Parse(r.GetString("id")),
        Guid.Parse(r.GetString("household_id")),
        Guid.Parse(r.GetString("regimen_id")),
        UnixTime.FromUnixMs(r.GetInt64("scheduled_at")),
        DoseStates.Parse(r.GetString("state")),
        WireNames.ParseSource(r.GetString("state_source")),
        r.GetNullableString("command_id") is { } c ? Guid.Parse(c) : null,
        r.GetNullableString("detail"),
        r.GetNullableString("confirmed_by"),
        UnixTime.FromUnixMs(r.GetNullableInt64("confirmed_at")),
        UnixTime.FromUnixMs(r.GetInt64("updated_at")),
        []);
}
