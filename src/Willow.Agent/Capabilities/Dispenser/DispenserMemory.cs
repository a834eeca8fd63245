using Microsoft.Data.Sqlite;
using Willow.Sqlite;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// What the dispenser remembers across restarts, committed (fsynced) before the servo moves: the angle the
/// horn was last sent to, a move begun and not yet confirmed, and how many carousel slots have been emptied
/// since the last <c>home</c>. It lives in its own file (<c>dispenser.db</c>) beside the actuation journal.
/// </summary>
public sealed class DispenserMemory : IDisposable
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE servo (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            angle      REAL NULL,
            target     REAL NULL,
            changed_at INTEGER NOT NULL
        );
        CREATE TABLE carousel (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            next_slot  INTEGER NOT NULL,
            changed_at INTEGER NOT NULL
        );
        """,
    ];

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public DispenserMemory(string path, TimeProvider time)
    {
        var database = new SqliteDatabase(path);
        database.Migrate(Migrations);
        _connection = database.Open();
        _time = time;
        Path = database.Path;
    }

    public string Path { get; }

    /// <summary>Where the horn was last sent (null if never), and a move that began but was not confirmed.</summary>
    public ServoPosition ReadServo()
    {
        lock (_gate)
        {
            return _connection.Query(
                "SELECT angle, target FROM servo WHERE id = 1",
                r => new ServoPosition(r.IsDBNull(0) ? null : r.GetDouble(0), r.IsDBNull(1) ? null : r.GetDouble(1)))
                .SingleOrDefault() ?? new ServoPosition(null, null);
        }
    }

    /// <summary>Records the angle a move is about to go to. Only after this returns may the pulse width change.</summary>
    public void BeginMove(double targetDegrees) =>
        WriteServo("INSERT INTO servo (id, angle, target, changed_at) VALUES (1, NULL, $target, $at) " +
                   "ON CONFLICT (id) DO UPDATE SET target = $target, changed_at = $at", targetDegrees);

    /// <summary>Records that the pulse width for <paramref name="angleDegrees"/> is set: the horn is on its way there.</summary>
    public void EndMove(double angleDegrees) =>
        WriteServo("INSERT INTO servo (id, angle, target, changed_at) VALUES (1, $target, NULL, $at) " +
                   "ON CONFLICT (id) DO UPDATE SET angle = $target, target = NULL, changed_at = $at", angleDegrees);

    /// <summary>The carousel slot the next dispense empties: 0 after a <c>home</c> (a refill), or on a new board.</summary>
    public int ReadNextSlot()
    {
        lock (_gate)
        {
            return _connection.Scalar("SELECT next_slot FROM carousel WHERE id = 1") is long slot ? (int)slot : 0;
        }
    }

    /// <summary>Records the slot the next dispense will empty: written before the carousel turns.</summary>
    public void WriteNextSlot(int slot)
    {
        lock (_gate)
        {
            _connection.Execute(
                "INSERT INTO carousel (id, next_slot, changed_at) VALUES (1, $slot, $at) " +
                "ON CONFLICT (id) DO UPDATE SET next_slot = $slot, changed_at = $at",
                null,
                ("$slot", slot),
                ("$at", _time.GetUtcNow().ToUnixMs()));
        }
    }

    public void Dispose() => _connection.Dispose();

    private void WriteServo(string sql, double degrees)
    {
        lock (_gate)
        {
            _connection.Execute(sql, null, ("$target", degrees), ("$at", _time.GetUtcNow().ToUnixMs()));
        }
    }
}
