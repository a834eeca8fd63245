using System.Text.Json;
using Microsoft.Data.Sqlite;
using Willow.Hub.Households;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteHouseholdStore(SqliteDatabase database) : IHouseholdStore
{
    private const string Columns = "id, name, time_zone, created_at";

    public Task CreateAsync(Household household, Membership owner, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                connection.Execute(
                    "INSERT INTO households (id, name, time_zone, created_at) VALUES ($id, $name, $zone, $created)",
                    transaction,
                    ("$id", household.Id.ToString()),
                    ("$name", household.Name),
                    ("$zone", household.TimeZone),
                    ("$created", household.CreatedAt.ToUnixMs()));
                return connection.Execute(
                    "INSERT INTO memberships (household_id, user_id, role, ends_at, added_by, created_at) VALUES ($household, $user, 'owner', NULL, $by, $at)",
                    transaction,
                    ("$household", household.Id.ToString()),
                    ("$user", owner.UserId.ToString()),
                    ("$by", owner.AddedBy),
                    ("$at", owner.CreatedAt.ToUnixMs()));
            },
            cancellationToken);

    public Task<bool> UpdateAsync(Guid householdId, string name, string timeZone, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE households SET name = $name, time_zone = $zone WHERE id = $id",
                transaction,
                ("$id", householdId.ToString()),
                ("$name", name),
                ("$zone", timeZone)) == 1,
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
