using Microsoft.Data.Sqlite;
using Willow.Core.Protocol;
using Willow.Sqlite;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// The agent's sensor readings and the bowl scale's zero, in their own SQLite file (<c>sensors.db</c>) beside
/// the journal. A reading is committed (fsynced) before anyone is told of it. Its sequence number comes from
/// <c>AUTOINCREMENT</c>, so it never repeats, even after pruning removed every row: the gateway's cursor
/// cannot skip a reading because a number was reused.
/// </summary>
public sealed class SensorStore : IDisposable
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE readings (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            id       TEXT NOT NULL UNIQUE,
            metric   TEXT NOT NULL,
            value    REAL NOT NULL,
            at       INTEGER NOT NULL
        );
        CREATE INDEX ix_readings_at ON readings (at);
        CREATE TABLE bowl_zero (
            id       INTEGER PRIMARY KEY CHECK (id = 1),
            counts   REAL NOT NULL,
            tared_at INTEGER NOT NULL
        );
        """,
    ];

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SensorStore(string path)
    {
        var database = new SqliteDatabase(path);
        database.Migrate(Migrations);
        _connection = database.Open();
        Path = database.Path;
    }

    public string Path { get; }

    /// <summary>Completes when the next reading is stored. Take it before reading, so nothing slips in between.</summary>
    public Task NextAppend
    {
        get
        {
            lock (_gate)
            {
                return _appended.Task;
            }
        }
    }

    /// <summary>Stores readings taken at one instant in one transaction, and wakes whoever waits for them.</summary>
    public IReadOnlyList<SensorReading> Append(IReadOnlyList<(string Metric, double Value)> values, DateTimeOffset at)
    {
        List<SensorReading> stored = [];
        TaskCompletionSource appended;
        lock (_gate)
        {
            using (var transaction = _connection.BeginTransaction())
            {
                foreach (var (metric, value) in values)
                {
                    var id = Guid.CreateVersion7(at);
                    var sequence = (long)_connection.Scalar(
                        "INSERT INTO readings (id, metric, value, at) VALUES ($id, $metric, $value, $at) RETURNING sequence",
                        transaction,
                        ("$id", id.ToString()),
                        ("$metric", metric),
                        ("$value", value),
                        ("$at", at.ToUnixMs()))!;
                    stored.Add(new SensorReading(id, sequence, metric, value, at));
                }

                transaction.Commit();
            }

            appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        appended.SetResult();
        return stored;
    }

    public SensorReading Append(string metric, double value, DateTimeOffset at) => Append([(metric, value)], at)[0];

    /// <summary>Readings with a sequence number above <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<SensorReading> After(long after, int limit)
    {
        lock (_gate)
        {
            return _connection.Query(
                "SELECT sequence, id, metric, value, at FROM readings WHERE sequence > $after ORDER BY sequence LIMIT $limit",
                Read,
                null,
                ("$after", after),
                ("$limit", limit));
        }
    }

    /// <summary>The highest sequence number ever given, pruned readings included; 0 before the first.</summary>
    public long LastSequence()
    {
        lock (_gate)
        {
            return _connection.Scalar("SELECT seq FROM sqlite_sequence WHERE name = 'readings'") is long sequence ? sequence : 0;
        }
    }

    /// <summary>The newest stored value of a metric, or null.</summary>
    public double? LastValue(string metric)
    {
        lock (_gate)
        {
            return _connection.Scalar(
                "SELECT value FROM readings WHERE metric = $metric ORDER BY sequence DESC LIMIT 1", null, ("$metric", metric)) is double value
                ? value
                : null;
        }
    }

    /// <summary>Removes readings taken before <paramref name="before"/>; returns how many.</summary>
    public int Prune(DateTimeOffset before)
    {
        lock (_gate)
        {
            return _connection.Execute("DELETE FROM readings WHERE at < $before", null, ("$before", before.ToUnixMs()));
        }
    }

    public BowlZero? LoadBowlZero()
    {
        lock (_gate)
        {
            return _connection.Query(
                "SELECT counts, tared_at FROM bowl_zero WHERE id = 1",
                r => new BowlZero(r.GetDouble(0), UnixTime.FromUnixMs(r.GetInt64(1)))).SingleOrDefault();
        }
    }

    public void SaveBowlZero(BowlZero zero)
    {
        lock (_gate)
        {
            _connection.Execute(
                "INSERT INTO bowl_zero (id, counts, tared_at) VALUES (1, $counts, $at) ON CONFLICT (id) DO UPDATE SET counts = $counts, tared_at = $at",
                null,
                ("$counts", zero.Counts),
                ("$at", zero.TaredAt.ToUnixMs()));
        }
    }

    public void Dispose() => _connection.Dispose();

    private static SensorReading Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString("id")),
        reader.GetInt64("sequence"),
        reader.GetString("metric"),
        reader.GetDouble(reader.GetOrdinal("value")),
        UnixTime.FromUnixMs(reader.GetInt64("at")));
}
