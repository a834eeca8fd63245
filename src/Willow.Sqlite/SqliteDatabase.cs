using Microsoft.Data.Sqlite;

namespace Willow.Sqlite;

/// <summary>
/// One SQLite file in WAL mode with <c>synchronous=FULL</c>: a commit is on disk before it returns, so
/// anything acknowledged survives a power cut. Hub, gateway and agent all open their files through here,
/// so that durability is decided once.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>
    /// Writers of this process queue here instead of meeting in SQLite's lock, whose busy handler sleeps
    /// in steps of milliseconds: in-process queueing keeps commits back to back.
    /// </summary>
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Runs <paramref name="work"/> in a write transaction (<c>BEGIN IMMEDIATE</c>) and commits it.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default) =>
        WriteIfAsync(work, null, cancellationToken);

    /// <summary>
    /// Like <see cref="WriteAsync{T}"/>, but commits only if <paramref name="commitIf"/> approves the result;
    /// otherwise rolls back (for a rule that is simplest to check after the change).
    /// </summary>
    public async Task<T> WriteIfAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, Func<T, bool>? commitIf, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            var result = work(connection, transaction);
            if (commitIf is null || commitIf(result))
            {
                transaction.Commit();
            }
            else
            {
                transaction.Rollback();
            }

            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose() => _writeGate.Dispose();

    /// <summary>Runs a read on its own connection; WAL lets reads proceed beside a writer.</summary>
    public T Read<T>(Func<SqliteConnection, T> work)
    {
        using var connection = Open();
        return work(connection);
    }

    /// <summary>Opens a connection with the durability settings applied (they are per connection in SQLite).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Brings the schema up to date: migration <c>i</c> runs once, in a transaction, when
    /// <c>PRAGMA user_version</c> is below <c>i + 1</c>. Migrations are only ever appended.
    /// </summary>
    public void Migrate(IReadOnlyList<string> migrations)
    {
        using var connection = Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        var version = Convert.ToInt32(connection.Scalar("PRAGMA user_version;", transaction), System.Globalization.CultureInfo.InvariantCulture);
        if (version > migrations.Count)
        {
            throw new InvalidOperationException(
                $"The database {Path} has schema version {version}, newer than this Willow ({migrations.Count}). Upgrade Willow or restore a backup.");
        }

        for (var i = version; i < migrations.Count; i++)
        {
            connection.Execute(migrations[i], transaction);
        }

        // PRAGMA cannot take parameters; the value is an integer we computed.
        connection.Execute($"PRAGMA user_version = {migrations.Count};", transaction);
        transaction.Commit();
    }
}
