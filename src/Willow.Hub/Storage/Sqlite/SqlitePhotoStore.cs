using Microsoft.Data.Sqlite;
using Willow.Hub.Photos;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqlitePhotoStore(SqliteDatabase database) : IPhotoStore
{
    private const string Columns = "id, household_id, device_id, dose_id, taken_at, width, height, bytes";

    public Task<bool> SaveAsync(Photo photo, ReadOnlyMemory<byte> jpeg, DateTimeOffset keepAfter, CancellationToken cancellationToken) =>
        photo.TakenAt <= keepAfter ? Task.FromResult(false) : database.WriteAsync(
            (connection, transaction) =>
            {
                connection.Execute(
                    "DELETE FROM photos WHERE household_id = $household AND taken_at <= $keepAfter",
                    transaction,
                    ("$household", photo.HouseholdId.ToString()),
                    ("$keepAfter", keepAfter.ToUnixMs()));
                return connection.Execute(
                    """
                    INSERT OR IGNORE INTO photos (household_id, id, device_id, dose_id, taken_at, width, height, bytes, jpeg)
                    VALUES ($household, $id, $device, $dose, $taken, $width, $height, $bytes, $jpeg)
                    """,
                    transaction,
                    ("$household", photo.HouseholdId.ToString()),
                    ("$id", photo.Id.ToString()),
                    ("$device", photo.DeviceId),
                    ("$dose", photo.DoseId?.ToString()),
                    ("$taken", photo.TakenAt.ToUnixMs()),
                    ("$width", photo.Width),
                    ("$height", photo.Height),
                    ("$bytes", photo.Bytes),
                    ("$jpeg", jpeg.ToArray())) == 1;
            },
            cancellationToken);

    public Task<Photo?> GetAsync(Guid householdId, Guid photoId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            $"SELECT {Columns} FROM photos WHERE household_id = $household AND id = $id", Read, null,
            ("$household", householdId.ToString()), ("$id", photoId.ToString())).SingleOrDefault()));

    public Task<byte[]?> ReadAsync(Guid householdId, Guid photoId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Scalar(
            "SELECT jpeg FROM photos WHERE household_id = $household AND id = $id", null,
            ("$household", householdId.ToString()), ("$id", photoId.ToString())) as byte[]));

    public Task<IReadOnlyList<Photo>> ListAsync(Guid householdId, string? deviceId, DateTimeOffset? before, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Photo>>(database.Read(connection => connection.Query(
            $"""
            SELECT {Columns} FROM photos
            WHERE household_id = $household AND ($device IS NULL OR device_id = $device) AND ($before IS NULL OR taken_at < $before)
            ORDER BY taken_at DESC, id DESC LIMIT $limit
            """,
            Read,
            null,
            ("$household", householdId.ToString()),
            ("$device", deviceId),
            ("$before", before?.ToUnixMs()),
            ("$limit", limit))));

    public Task<IReadOnlyDictionary<Guid, Guid>> ForDosesAsync(Guid householdId, IReadOnlyCollection<Guid> doseIds, CancellationToken cancellationToken)
    {
        if (doseIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<Guid, Guid>>(new Dictionary<Guid, Guid>());
        }

        var wanted = doseIds.ToHashSet();
        var found = database.Read(connection => connection.Query(
            "SELECT dose_id, id FROM photos WHERE household_id = $household AND dose_id IS NOT NULL ORDER BY taken_at",
            r => (Dose: Guid.Parse(r.GetString(0)), Photo: Guid.Parse(r.GetString(1))),
            null,
            ("$household", householdId.ToString())));

        // Newest last, so the newest photo of a dose wins.
        var map = new Dictionary<Guid, Guid>();
        foreach (var (dose, photo) in found.Where(f => wanted.Contains(f.Dose)))
        {
            map[dose] = photo;
        }

        return Task.FromResult<IReadOnlyDictionary<Guid, Guid>>(map);
    }

    private static Photo Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString("id")),
        Guid.Parse(reader.GetString("household_id")),
        reader.GetString("device_id"),
        reader.GetNullableString("dose_id") is { } dose ? Guid.Parse(dose) : null,
        UnixTime.FromUnixMs(reader.GetInt64("taken_at")),
        (int)reader.GetInt64("width"),
        (int)reader.GetInt64("height"),
        (int)reader.GetInt64("bytes"));
}
