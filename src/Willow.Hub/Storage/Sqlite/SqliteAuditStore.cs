using Microsoft.Data.Sqlite;
using Willow.Hub.Audit;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => Insert(connection, transaction, entry), cancellationToken);

    /// <summary>For stores that write an entry in the same transaction as the change it records.</summary>
    internal static int Insert(SqliteConnection connection, SqliteTransaction transaction, AuditEntry entry) =>
        connection.Execute(
            "INSERT INTO audit (household_id, at, actor, via, action, target, detail) VALUES ($household, $at, $actor, $via, $action, $target, $detail)",
            transaction,
            ("$household", entry.HouseholdId.ToString()),
            ("$at", entry.At.ToUnixMs()),
            ("$actor", entry.Actor),
            ("$via", entry.Via),
            ("$action", entry.Action),
            ("$target", entry.Target),
            ("$detail", entry.Detail));

    public Task<IReadOnlyList<AuditEntry>> ListAsync(Guid householdId, int limit, long? before, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(database.Read(connection => connection.Query(
            "SELECT seq, household_id, at, actor, via, action, target, detail FROM audit WHERE household_id = $household AND seq < $before ORDER BY seq DESC LIMIT $limit",
            r => new AuditEntry(
                r.GetInt64("seq"),
                Guid.Parse(r.GetString("household_id")),
                UnixTime.FromUnixMs(r.GetInt64("at")),
                r.GetString("actor"),
                r.GetString("via"),
                r.GetString("action"),
                r.GetNullableString("target"),
                r.GetNullableString("detail")),
            null,
            ("$household", householdId.ToString()),
            ("$before", before ?? long.MaxValue),
            ("$limit", limit))));
}
