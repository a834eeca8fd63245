using Willow.Hub.Storage.Redis;

namespace Willow.Hub.Nodes;

/// <summary>
/// A job's lease in Redis: a key holding the node's id, set only if absent and renewed only by its holder
/// (one script, so "is it mine? then extend it" cannot interleave with another node's take-over).
/// </summary>
public sealed partial class RedisJobLease(RedisStorage redis, ILogger<RedisJobLease> logger) : IJobLease
{
    private const string HoldScript = """
        local holder = redis.call('GET', KEYS[1])
        if holder == false then
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
        end
        if holder == ARGV[1] then
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
        end
        return 0
        """;

    /// <summary>This process: unique even when two nodes run on one machine.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private readonly HashSet<string> _held = [];

    public async Task<bool> TryHoldAsync(string job, TimeSpan lease, CancellationToken cancellationToken)
    {
        var held = (long)await redis.Database.ScriptEvaluateAsync(
            HoldScript, [redis.Key($"job-lease:{job}")], [NodeId, (long)lease.TotalMilliseconds]) == 1;
        lock (_held)
        {
            if (held ? _held.Add(job) : _held.Remove(job))
            {
                LogLeaseChanged(logger, job, held ? "now runs" : "no longer runs", NodeId);
            }
        }

        return held;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: this hub node {Change} it ({NodeId})")]
    private static partial void LogLeaseChanged(ILogger logger, string job, string change, string nodeId);
}
