using System.Text.Json;
using StackExchange.Redis;
using Willow.Hub.Audit;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// The audit log in Redis: a sorted set per household scored by a sequence number from one counter, so
/// entries page by number like SQLite's rowid. Numbers are taken before the write: a write that fails
/// leaves a gap, never a duplicate or an entry out of order.
/// </summary>
public sealed class RedisAuditStore(RedisStorage redis) : IAuditStore
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var numbered = await NumberAsync(redis, [entry]);
        var transaction = redis.Database.CreateTransaction();
        Append(redis, transaction, numbered[0]);
        await transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Guid householdId, int limit, long? before, CancellationToken cancellationToken)
    {
        var values = await redis.Database.SortedSetRangeByScoreAsync(
            Key(redis, householdId), double.NegativeInfinity, before ?? double.PositiveInfinity, Exclude.Stop, Order.Descending, 0, limit);
        return [.. values.Select(value =>
        {
            var e = JsonSerializer.Deserialize((string)value!, RedisJsonContext.Default.StoredAuditEntry)!;
            return new AuditEntry(e.Seq, householdId, UnixTime.FromUnixMs(e.At), e.Actor, e.Via, e.Action, e.Target, e.Detail);
        })];
    }

    /// <summary>Gives entries their sequence numbers (one round trip for all of them).</summary>
    internal static async Task<IReadOnlyList<AuditEntry>> NumberAsync(RedisStorage redis, IReadOnlyList<AuditEntry> entries)
    {
        if (entries.Count == 0)
        {
            return entries;
        }

        var last = await redis.Database.StringIncrementAsync(redis.Key("audit:sequence"), entries.Count);
        return [.. entries.Select((entry, i) => entry with { Sequence = last - entries.Count + 1 + i })];
    }

    /// <summary>For stores that write an entry in the same transaction as the change it records.</summary>
    internal static void Append(RedisStorage redis, ITransaction transaction, AuditEntry entry) =>
        _ = transaction.SortedSetAddAsync(
            Key(redis, entry.HouseholdId),
            JsonSerializer.Serialize(
                new StoredAuditEntry(entry.Sequence, entry.At.ToUnixMs(), entry.Actor, entry.Via, entry.Action, entry.Target, entry.Detail),
                RedisJsonContext.Default.StoredAuditEntry),
            entry.Sequence);

    private static RedisKey Key(RedisStorage redis, Guid householdId) => redis.Key($"household:{householdId}:audit");
}
