using StackExchange.Redis;
using Willow.Hub.Photos;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// Photos in Redis: a hash of facts and a string with the JPEG each, a sorted set per household and per
/// device by the time taken, and a hash from dose to photo. Each photo's keys expire when it passes the
/// retention; the sets are trimmed on write and read past any member that has gone.
/// </summary>
public sealed class RedisPhotoStore(RedisStorage redis) : IPhotoStore
{
    private IDatabase Db => redis.Database;

    private RedisKey Facts(Guid householdId, Guid photoId) => redis.Key($"household:{householdId}:photo:{photoId}");

    private RedisKey Jpeg(Guid householdId, Guid photoId) => redis.Key($"household:{householdId}:photo:{photoId}:jpeg");

    private RedisKey ByTime(Guid householdId) => redis.Key($"household:{householdId}:photos");

    private RedisKey ByDevice(Guid householdId, string deviceId) => redis.Key($"household:{householdId}:photos:{deviceId}");

    private RedisKey ByDose(Guid householdId) => redis.Key($"household:{householdId}:dose-photos");

    public async Task<bool> SaveAsync(Photo photo, ReadOnlyMemory<byte> jpeg, DateTimeOffset keepAfter, CancellationToken cancellationToken)
    {
        var lifetime = photo.TakenAt - keepAfter;
        if (lifetime <= TimeSpan.Zero)
        {
            return false;
        }

        var household = photo.HouseholdId;
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(Facts(household, photo.Id)));
        _ = transaction.HashSetAsync(Facts(household, photo.Id), new HashFields()
            .Add("deviceId", photo.DeviceId).Add("doseId", photo.DoseId?.ToString()).Add("takenAt", photo.TakenAt)
            .Add("width", photo.Width).Add("height", photo.Height).Add("bytes", photo.Bytes).ToArray());
        _ = transaction.StringSetAsync(Jpeg(household, photo.Id), jpeg, lifetime);
        _ = transaction.KeyExpireAsync(Facts(household, photo.Id), lifetime);
        foreach (var set in new[] { ByTime(household), ByDevice(household, photo.DeviceId) })
        {
            _ = transaction.SortedSetAddAsync(set, photo.Id.ToString(), photo.TakenAt.ToUnixMs());
            _ = transaction.SortedSetRemoveRangeByScoreAsync(set, double.NegativeInfinity, keepAfter.ToUnixMs());
        }

        if (photo.DoseId is { } dose)
        {
            _ = transaction.HashSetAsync(ByDose(household), dose.ToString(), photo.Id.ToString());
        }

        return await transaction.ExecuteAsync();
    }

    public async Task<Photo?> GetAsync(Guid householdId, Guid photoId, CancellationToken cancellationToken) =>
        StoredHash.From(await Db.HashGetAllAsync(Facts(householdId, photoId))) is { } hash
            ? new Photo(
                photoId, householdId, hash.String("deviceId"), hash.NullableGuid("doseId"), hash.Time("takenAt"),
                (int)hash.Long("width"), (int)hash.Long("height"), (int)hash.Long("bytes"))
            : null;

    public async Task<byte[]?> ReadAsync(Guid householdId, Guid photoId, CancellationToken cancellationToken) =>
        await Db.StringGetAsync(Jpeg(householdId, photoId)) is { IsNull: false } value ? (byte[])value! : null;

    public async Task<IReadOnlyList<Photo>> ListAsync(Guid householdId, string? deviceId, DateTimeOffset? before, int limit, CancellationToken cancellationToken)
    {
        var set = deviceId is null ? ByTime(householdId) : ByDevice(householdId, deviceId);
        var photos = new List<Photo>();
        var skip = 0L;

        // Members whose photo expired are skipped; read on until the page is full or the set ends.
        while (photos.Count < limit)
        {
            var ids = await Db.SortedSetRangeByScoreAsync(
                set, double.NegativeInfinity, before?.ToUnixMs() ?? double.PositiveInfinity, Exclude.Stop, Order.Descending, skip, limit);
            if (ids.Length == 0)
            {
                break;
            }

            skip += ids.Length;
            foreach (var id in ids)
            {
                if (photos.Count < limit && await GetAsync(householdId, Guid.Parse(id.ToString()), cancellationToken) is { } photo)
                {
                    photos.Add(photo);
                }
            }
        }

        return photos;
    }

    public async Task<IReadOnlyDictionary<Guid, Guid>> ForDosesAsync(Guid householdId, IReadOnlyCollection<Guid> doseIds, CancellationToken cancellationToken)
    {
        var map = new Dictionary<Guid, Guid>();
        if (doseIds.Count == 0)
        {
            return map;
        }

        var doses = doseIds.Distinct().ToList();
        var photoIds = await Db.HashGetAsync(ByDose(householdId), [.. doses.Select(d => (RedisValue)d.ToString())]);
        foreach (var (dose, photo) in doses.Zip(photoIds))
        {
            if (!photo.IsNull && await Db.KeyExistsAsync(Facts(householdId, Guid.Parse(photo.ToString()))))
            {
                map[dose] = Guid.Parse(photo.ToString());
            }
        }

        return map;
    }
}
