using System.ComponentModel.DataAnnotations;

namespace Willow.Hub.Storage;

/// <summary>Where the hub keeps its state.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public const string SqliteProvider = "sqlite";

    public const string RedisProvider = "redis";

    /// <summary><c>sqlite</c> (embedded, one hub node, the default) or <c>redis</c> (several hub nodes on one Redis).</summary>
    [AllowedValues(SqliteProvider, RedisProvider, "Sqlite", "Redis", "SQLite", ErrorMessage = "Storage:Provider must be 'sqlite' or 'redis'.")]
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>The SQLite file (WAL mode; back up the -wal file with it, or use <c>sqlite3 .backup</c>).</summary>
    [Required]
    public string SqlitePath { get; set; } = "/var/lib/willow/hub/willow.db";

    /// <summary>A StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379,password=…,ssl=true</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>Every key (and the SignalR backplane's channels) start with this: several deployments can share a Redis.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "Storage:RedisPrefix may hold letters, digits, '_', '.' and '-' (at most 64).")]
    public string RedisPrefix { get; set; } = "willow";

    public bool UsesRedis => string.Equals(Provider, RedisProvider, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesRedis && string.IsNullOrWhiteSpace(Redis))
        {
            yield return new ValidationResult(
                "Storage:Provider is 'redis' but Storage:Redis (the connection string, e.g. 127.0.0.1:6379) is not set.", [nameof(Redis)]);
        }
    }
}
