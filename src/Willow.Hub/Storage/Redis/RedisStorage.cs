using StackExchange.Redis;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// The hub's Redis database: one connection shared by every store, every key under one prefix per
/// deployment, and the optimistic transaction every decide-then-write goes through.
/// </summary>
/// <remarks>
/// A decision (may this command become <c>succeeded</c>? is this invitation still open?) is made in C#
/// by the same rules the SQLite stores use, against values read just before; the write is then queued in
/// a MULTI/EXEC whose conditions say "only if those values are still what I read". If another node wrote
/// in between, nothing is written and the decision is made again on fresh values. One primary is
/// assumed (with replicas or Sentinel for failover): keys of different households meet in one transaction,
/// which Redis Cluster would refuse.
/// </remarks>
public sealed class RedisStorage(IConnectionMultiplexer connection, string prefix)
{
    /// <summary>Enough for any real contention (two writers on one command); more means something is wrong.</summary>
    private const int MaxAttempts = 50;

    public IConnectionMultiplexer Connection { get; } = connection;

    public string Prefix { get; } = prefix;

    public IDatabase Database => Connection.GetDatabase();

    public RedisKey Key(string name) => $"{Prefix}:{name}";

    /// <summary>
    /// Runs <paramref name="attempt"/> until its transaction commits: it reads through <see cref="Database"/>,
    /// decides, and queues conditions and writes on the transaction it is given (without awaiting them).
    /// </summary>
    public async Task<T> TransactAsync<T>(Func<ITransaction, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var i = 0; i < MaxAttempts; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var transaction = Database.CreateTransaction();
            var result = await attempt(transaction);
            if (await transaction.ExecuteAsync())
            {
                return result;
            }
        }

        throw new InvalidOperationException($"A Redis write was overtaken {MaxAttempts} times in a row by other writers; giving up rather than spinning.");
    }
}
