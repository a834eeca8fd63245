using System.ComponentModel.DataAnnotations;

namespace Willow.Hub.Storage;

/// <summary>Where the hub keeps its state.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (embedded, the default). Redis arrives with multi-node hubs.</summary>
    [AllowedValues("sqlite", ErrorMessage = "Storage:Provider must be 'sqlite'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite file (WAL mode; back up the -wal file with it, or use <c>sqlite3 .backup</c>).</summary>
    [Required]
    public string SqlitePath { get; set; } = "/var/lib/willow/hub/willow.db";
}
