using System.Globalization;
using StackExchange.Redis;
using Willow.Core.Protocol;
using Willow.Hub.Readings;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// Readings in Redis: a sorted set per device and metric, scored by the time of the reading, whose members
/// are "id:value" (so a reading sent twice is one member), and a set naming the household's series. Every
/// key expires after the retention unless new readings keep it alive, and old members are trimmed on write.
/// </summary>
public sealed class RedisReadingStore(RedisStorage redis) : IReadingStore
{
    private IDatabase Db => redis.Database;

    private RedisKey Series(Guid householdId, string deviceId, string metric) => redis.Key($"household:{householdId}:readings:{deviceId}:{metric}");

    private RedisKey SeriesIndex(Guid householdId) => redis.Key($"household:{householdId}:reading-series");

    public async Task<IReadOnlyList<Reading>> AddAsync(
        Guid householdId, string deviceId, IReadOnlyList<SensorReading> readings, DateTimeOffset keepAfter, CancellationToken cancellationToken)
    {
        var kept = readings.Where(r => r.At > keepAfter).ToList();
        var retention = TimeSpan.FromMilliseconds(Math.Max(1, (kept.Count == 0 ? keepAfter : kept.Max(r => r.At)).ToUnixMs() - keepAfter.ToUnixMs()));
        var added = new List<Reading>();
        foreach (var metric in kept.GroupBy(r => r.Metric, StringComparer.Ordinal))
        {
            var key = Series(householdId, deviceId, metric.Key);
            var batch = Db.CreateBatch();
            var adds = metric.Select(r => (Reading: r, Added: batch.SortedSetAddAsync(key, Member(r), r.At.ToUnixMs()))).ToList();
            _ = batch.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, keepAfter.ToUnixMs());
            _ = batch.SetAddAsync(SeriesIndex(householdId), $"{deviceId}/{metric.Key}");

            // Each key lives until its newest reading is older than the retention: set it, or only push it later
            // (a backlog of old readings from a home that was offline must not shorten it).
            foreach (var expiring in new[] { key, SeriesIndex(householdId) })
            {
                _ = batch.KeyExpireAsync(expiring, retention, ExpireWhen.HasNoExpiry);
                _ = batch.KeyExpireAsync(expiring, retention, ExpireWhen.GreaterThanCurrentExpiry);
            }
            batch.Execute();
            foreach (var (reading, wasAdded) in adds)
            {
                if (await wasAdded)
                {
                    added.Add(new Reading(reading.Id, deviceId, reading.Metric, reading.Value, UnixTime.FromUnixMs(reading.At.ToUnixMs())));
                }
            }
        }

        return added;
    }

    public async Task<IReadOnlyList<Reading>> ListAsync(Guid householdId, ReadingQuery query, CancellationToken cancellationToken)
    {
        var series = (await SeriesOfAsync(householdId))
            .Where(s => (query.DeviceId is null || s.DeviceId == query.DeviceId) && (query.Metric is null || s.Metric == query.Metric));
        var found = new List<Reading>();
        foreach (var (deviceId, metric) in series)
        {
            var entries = await Db.SortedSetRangeByScoreWithScoresAsync(
                Series(householdId, deviceId, metric), query.From.ToUnixMs(), query.To.ToUnixMs(), Exclude.Stop, Order.Descending, 0, query.Limit);
            found.AddRange(entries.Select(e => Parse(deviceId, metric, e)));
        }

        return [.. found.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(query.Limit).Reverse()];
    }

    public async Task<IReadOnlyList<Reading>> LatestAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var latest = new List<Reading>();
        foreach (var (deviceId, metric) in await SeriesOfAsync(householdId))
        {
            var newest = await Db.SortedSetRangeByRankWithScoresAsync(Series(householdId, deviceId, metric), -1, -1);
            latest.AddRange(newest.Select(e => Parse(deviceId, metric, e)));
        }

        return latest;
    }

    private async Task<IEnumerable<(string DeviceId, string Metric)>> SeriesOfAsync(Guid householdId) =>
        (await Db.SetMembersAsync(SeriesIndex(householdId)))
            .Select(m => m.ToString().Split('/', 2))
            .Select(parts => (parts[0], parts[1]))
            .OrderBy(s => s.Item1, StringComparer.Ordinal).ThenBy(s => s.Item2, StringComparer.Ordinal);

    private static string Member(SensorReading reading) =>
        string.Create(CultureInfo.InvariantCulture, $"{reading.Id:N}:{reading.Value:R}");

    private static Reading Parse(string deviceId, string metric, SortedSetEntry entry)
    {
        var member = entry.Element.ToString();
        var colon = member.IndexOf(':', StringComparison.Ordinal);
        return new Reading(
            Guid.ParseExact(member[..colon], "N"),
            deviceId,
            metric,
            double.Parse(member[(colon + 1)..], CultureInfo.InvariantCulture),
            UnixTime.FromUnixMs((long)entry.Score));
    }
}
