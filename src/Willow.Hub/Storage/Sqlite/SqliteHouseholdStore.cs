using Microsoft.Data.Sqlite;
using Willow.Hub.Households;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteHouseholdStore(SqliteDatabase database) : IHouseholdStore
{
    public Task UpsertAsync(Household household, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        connection.Execute(
            """
            INSERT INTO households (id, name, time_zone, created_at) VALUES ($id, $name, $zone, $created)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone
            """,
            null,
            ("$id", household.Id.ToString()),
            ("$name", household.Name),
            ("$zone", household.TimeZone),
            ("$created", household.CreatedAt.ToUnixMs()));
        return Task.CompletedTask;
    }

    public Task<Household?> GetAsync(Guid householdId, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        return Task.FromResult(connection.Query(
            "SELECT id, name, time_zone, created_at FROM households WHERE id = $id", Read, null, ("$id", householdId.ToString())).SingleOrDefault());
    }

    public Task<IReadOnlyList<Household>> ListAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        var ids = System.Text.Json.JsonSerializer.Serialize(householdIds.Select(id => id.ToString()).ToArray(), HubJsonContext.Default.StringArray);
        return Task.FromResult<IReadOnlyList<Household>>(connection.Query(
            "SELECT id, name, time_zone, created_at FROM households WHERE id IN (SELECT value FROM json_each($ids)) ORDER BY name",
            Read,
            null,
            ("$ids", ids)));
    }

    private static Household Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString("id")),
        reader.GetString("name"),
        reader.GetString("time_zone"),
        UnixTime.FromUnixMs(reader.GetInt64("created_at")));
}
