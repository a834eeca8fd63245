using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// The servo's simulated twin: the real <see cref="HobbyServo"/> logic over a <see cref="SimulatedPwmChannel"/>
/// that records every pulse-width change. Every commanded move is kept in memory and, when a movement log
/// is configured, appended to it (<c>&lt;time&gt; move 0 -> 90</c>) and flushed to disk before
/// <see cref="MoveTo"/> returns; the channel's signals go to the pulse log (<c>&lt;time&gt; pwm on 1500us</c>).
/// </summary>
public sealed class SimulatedServo : IServo, IDisposable
{
    private readonly TimeProvider _time;
    private readonly HobbyServo _servo;
    private readonly SimulationLog? _movementLog;
    private readonly SimulationLog? _pulseLog;
    private readonly List<ServoMovement> _movements = [];
    private readonly Lock _gate = new();

    public SimulatedServo(
        TimeProvider time,
        DispenserMemory memory,
        ServoOptions? calibration = null,
        string? movementLogPath = null,
        string? pulseLogPath = null,
        ILogger? logger = null)
    {
        _time = time;
        _movementLog = string.IsNullOrWhiteSpace(movementLogPath) ? null : new SimulationLog(movementLogPath);
        _pulseLog = string.IsNullOrWhiteSpace(pulseLogPath) ? null : new SimulationLog(pulseLogPath);
        SimulatedPwmChannel? channel = null;
        _servo = new HobbyServo(
            duty => channel = new SimulatedPwmChannel(time, (calibration ?? new ServoOptions()).FrequencyHertz, duty, _pulseLog is null ? null : _pulseLog.Append),
            calibration ?? new ServoOptions(),
            memory,
            logger ?? NullLogger.Instance);
        Channel = channel!;
    }

    /// <summary>Raised after each move is recorded; the latency benchmark stamps the time here.</summary>
    public event Action<ServoMovement>? Moved;

    /// <summary>The PWM channel the servo drives: every signal it sent since this agent started.</summary>
    public SimulatedPwmChannel Channel { get; }

    public double? AngleDegrees => _servo.AngleDegrees;

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
            var from = _servo.AngleDegrees;
            _servo.MoveTo(angleDegrees);
            movement = new ServoMovement(_time.GetUtcNow(), from, angleDegrees);
            _movements.Add(movement);
            _movementLog?.Append(string.Create(
                CultureInfo.InvariantCulture,
                $"{movement.At:O} move {movement.FromDegrees?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} -> {movement.ToDegrees}"));
        }

        Moved?.Invoke(movement);
    }

    public void Dispose()
    {
        _servo.Dispose();
        _movementLog?.Dispose();
        _pulseLog?.Dispose();
    }
}
