using System.Text.Json;
using Microsoft.Data.Sqlite;
using Willow.Core.Protocol;
using Willow.Core.Regimens;
using Willow.Hub.Regimens;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteRegimenStore(SqliteDatabase database) : IRegimenStore
{
    public Task CreateAsync(RegimenRecord regimen, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                connection.Execute(
                    "INSERT INTO regimens (id, household_id, pet_id, created_at, created_by) VALUES ($id, $household, $pet, $at, $by)",
                    transaction,
                    ("$id", regimen.Id.ToString()),
                    ("$household", regimen.HouseholdId.ToString()),
                    ("$pet", regimen.PetId.ToString()),
                    ("$at", regimen.CreatedAt.ToUnixMs()),
                    ("$by", regimen.CreatedBy));
                for (var i = 0; i < regimen.Versions.Count; i++)
                {
                    InsertVersion(connection, transaction, regimen.Id, regimen.Versions[i], regimen.ChangedBy[i]);
                }

                return 0;
            },
            cancellationToken);

    public Task<RegimenRecord?> GetAsync(Guid householdId, Guid regimenId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => Load(connection, "household_id = $household AND id = $id", ("$household", householdId.ToString()), ("$id", regimenId.ToString())).SingleOrDefault()));

    public Task<IReadOnlyList<RegimenRecord>> ListAsync(Guid householdId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RegimenRecord>>(database.Read(connection => Load(connection, "household_id = $household", ("$household", householdId.ToString()))));

    public Task<IReadOnlyList<Guid>> HouseholdsWithRegimensAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>(database.Read(connection => connection.Query(
            "SELECT DISTINCT household_id FROM regimens", r => Guid.Parse(r.GetString("household_id")))));

    public Task<bool> AddVersionAsync(Guid householdId, Guid regimenId, RegimenVersion version, string changedBy, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var latest = connection.Scalar(
                    """
                    SELECT MAX(v.version) FROM regimen_versions v JOIN regimens r ON r.id = v.regimen_id
                    WHERE r.id = $id AND r.household_id = $household
                    """,
                    transaction,
                    ("$id", regimenId.ToString()),
                    ("$household", householdId.ToString()));
                if (latest is not long current || current + 1 != version.Version)
                {
                    return false;
                }

                InsertVersion(connection, transaction, regimenId, version, changedBy);
                return true;
            },
            cancellationToken);

    private static void InsertVersion(SqliteConnection connection, SqliteTransaction transaction, Guid regimenId, RegimenVersion version, string changedBy) =>
        connection.Execute(
            """
            INSERT INTO regimen_versions (regimen_id, version, effective_from, terms, paused, ended, changed_by)
            VALUES ($id, $version, $from, $terms, $paused, $ended, $by)
            """,
            transaction,
            ("$id", regimenId.ToString()),
            ("$version", version.Version),
            ("$from", version.EffectiveFrom.ToUnixMs()),
            ("$terms", JsonSerializer.Serialize(version.Terms, WillowJsonContext.Default.RegimenTerms)),
            ("$paused", version.Paused ? 1 : 0),
            ("$ended", version.Ended ? 1 : 0),
            ("$by", changedBy));

    private static List<RegimenRecord> Load(SqliteConnection connection, string where, params (string, object?)[] parameters)
    {
        var heads = connection.Query(
            $"SELECT id, household_id, pet_id, created_at, created_by FROM regimens WHERE {where} ORDER BY created_at, rowid",
            r => (Id: Guid.Parse(r.GetString("id")), Household: Guid.Parse(r.GetString("household_id")), Pet: Guid.Parse(r.GetString("pet_id")),
                  At: UnixTime.FromUnixMs(r.GetInt64("created_at")), By: r.GetString("created_by")),
            null,
            parameters);
        return [.. heads.Select(head =>
        {
            var versions = connection.Query(
                "SELECT version, effective_from, terms, paused, ended, changed_by FROM regimen_versions WHERE regimen_id = $id ORDER BY version",
                r => (Version: new RegimenVersion(
                        (int)r.GetInt64("version"),
                        UnixTime.FromUnixMs(r.GetInt64("effective_from")),
                        JsonSerializer.Deserialize(r.GetString("terms"), WillowJsonContext.Default.RegimenTerms)!,
                        r.GetInt64("paused") == 1,
                        r.GetInt64("ended") == 1),
                      By: r.GetString("changed_by")),
                null,
                ("$id", head.Id.ToString()));
            return new RegimenRecord(head.Id, head.Household, head.Pet, head.At, head.By, [.. versions.Select(v => v.Version)], [.. versions.Select(v => v.By)]);
        })];
    }
}
