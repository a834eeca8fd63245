using System.Globalization;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// The servo's simulated twin. Every move is kept in memory and, when a log file is configured, appended
/// and flushed to disk before <see cref="MoveTo"/> returns, so a test can count movements across a
/// SIGKILL of the agent process.
/// </summary>
public sealed class SimulatedServo : IServo, IDisposable
{
    private readonly TimeProvider _time;
    private readonly FileStream? _log;
    private readonly List<ServoMovement> _movements = [];
    private readonly Lock _gate = new();

    public SimulatedServo(TimeProvider time, string? movementLogPath = null)
    {
        _time = time;
        if (!string.IsNullOrWhiteSpace(movementLogPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(movementLogPath))!);
            _log = new FileStream(movementLogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        }
    }

    /// <summary>Raised after each move is recorded; the latency benchmark stamps the time here.</summary>
    public event Action<ServoMovement>? Moved;

    public double? AngleDegrees { get; private set; }

    public IReadOnlyList<ServoMovement> Movements
    {
        get
        {
            lock (_gate)
            {
                return [.. _movements];
            }
        }
    }

    public void MoveTo(double angleDegrees)
    {
        ServoMovement movement;
        lock (_gate)
        {
            movement = new ServoMovement(_time.GetUtcNow(), AngleDegrees, angleDegrees);
            AngleDegrees = angleDegrees;
            _movements.Add(movement);
            if (_log is not null)
            {
                var line = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{movement.At:O} move {movement.FromDegrees?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} -> {movement.ToDegrees}\n");
                _log.Write(System.Text.Encoding.UTF8.GetBytes(line));
                _log.Flush(flushToDisk: true);
            }
        }

        Moved?.Invoke(movement);
    }

    public void Dispose() => _log?.Dispose();
}
