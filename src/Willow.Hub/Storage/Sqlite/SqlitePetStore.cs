using Microsoft.Data.Sqlite;
using Willow.Hub.Pets;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqlitePetStore(SqliteDatabase database) : IPetStore
{
    private const string Columns = "id, household_id, name, species, created_at";

    public Task<bool> CreateAsync(Pet pet, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "INSERT OR IGNORE INTO pets (id, household_id, name, species, created_at) VALUES ($id, $household, $name, $species, $at)",
                transaction,
                ("$id", pet.Id.ToString()),
                ("$household", pet.HouseholdId.ToString()),
                ("$name", pet.Name),
                ("$species", pet.Species),
                ("$at", pet.CreatedAt.ToUnixMs())) == 1,
            cancellationToken);

    public Task<Pet?> GetAsync(Guid householdId, Guid petId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            $"SELECT {Columns} FROM pets WHERE household_id = $household AND id = $id", Read, null,
            ("$household", householdId.ToString()), ("$id", petId.ToString())).SingleOrDefault()));

    public Task<IReadOnlyList<Pet>> ListAsync(Guid householdId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Pet>>(database.Read(connection => connection.Query(
            $"SELECT {Columns} FROM pets WHERE household_id = $household ORDER BY name", Read, null, ("$household", householdId.ToString()))));

    private static Pet Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString("id")),
        Guid.Parse(reader.GetString("household_id")),
        reader.GetString("name"),
        reader.GetNullableString("species"),
        UnixTime.FromUnixMs(reader.GetInt64("created_at")));
}
