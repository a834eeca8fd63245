using Microsoft.Extensions.Diagnostics.HealthChecks;
using Willow.Hub.Storage.Redis;
using Willow.Sqlite;

namespace Willow.Hub.Storage;

/// <summary>Ready only while the SQLite store answers.</summary>
public sealed class StorageHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = database.Open();
            connection.Scalar("SELECT 1;");
            return Task.FromResult(HealthCheckResult.Healthy($"SQLite {database.Path} answers."));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"SQLite {database.Path} does not answer: {ex.Message}"));
        }
    }
}

/// <summary>Ready only while Redis answers a PING: a load balancer then sends people to another node.</summary>
public sealed class RedisHealthCheck(RedisStorage redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.Database.PingAsync();
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception ex)
        {
            // The client's message goes on for a screen of connection state: its first clause is the news.
            return HealthCheckResult.Unhealthy($"Redis does not answer: {ex.Message.Split(';')[0]}");
        }
    }
}
