using Microsoft.Extensions.Diagnostics.HealthChecks;
using Willow.Sqlite;

namespace Willow.Hub.Storage;

/// <summary>Ready only while the store answers.</summary>
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
