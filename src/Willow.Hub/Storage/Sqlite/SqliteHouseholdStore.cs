using System.Text.Json;
using Microsoft.Data.Sqlite;
using Willow.Hub.Households;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteHouseholdStore(SqliteDatabase database) : IHouseholdStore
{
    private const string Columns = "id, name, time_zone, created_at";

    public Task UpsertAsync(Household household, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                """
                INSERT INTO households (id, name, time_zone, created_at) VALUES ($id, $name, $zone, $created)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone
                """,
                transaction,
                ("$id", household.Id.ToString()),
                ("$name", household.Name),
                ("$zone", household.TimeZone),
                ("$created", household.CreatedAt.ToUnixMs())),
            cancellationToken);

    public Task<Household?> GetAsync(Guid householdId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            $"SELECT {Columns} FROM households WHERE id = $id", Read, null, ("$id", householdId.ToString())).SingleOrDefault()));

    public Task<IReadOnlyList<Household>> ListAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var ids = JsonSerializer.Serialize(householdIds.Select(id => id.ToString()).ToArray(), HubJsonContext.Default.StringArray);
        return Task.FromResult<IReadOnlyList<Household>>(database.Read(connection => connection.Query(
            $"SELECT {Columns} FROM households WHERE id IN (SELECT value FROM json_each($ids)) ORDER BY name", Read, null, ("$ids", ids))));
    }

    private static Household Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString("id")),
        reader.GetString("name"),
        reader.GetString("time_zone"),
        UnixTime.FromUnixMs(reader.GetInt64("created_at")));
}
