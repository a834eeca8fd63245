using System.Device.Pwm;
using Iot.Device.ServoMotor;
using Microsoft.Extensions.Logging;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// A hobby servo on a PWM channel, through <see cref="ServoMotor"/>. Nothing moves at start-up: hobby
/// servos jump to wherever the first pulse says, so the channel is opened at the pulse width of the angle the
/// dispenser remembers (the horn is already there and simply holds), or left off when that angle is not known
/// (never moved, or a move was cut short) until the first command. Every move is remembered (fsynced)
/// before the pulse width changes. The real driver and the simulated twin differ only in the channel.
/// </summary>
public sealed class HobbyServo : IServo, IDisposable
{
    private readonly ServoOptions _calibration;
    private readonly DispenserMemory _memory;
    private readonly ServoMotor _motor;
    private readonly Lock _gate = new();
    private bool _enabled;

    /// <param name="openChannel">Opens the PWM channel with the duty cycle (0–1) it must start with.</param>
    public HobbyServo(Func<double, PwmChannel> openChannel, ServoOptions calibration, DispenserMemory memory, ILogger logger)
    {
        _calibration = calibration;
        _memory = memory;
        var remembered = memory.ReadServo();
        var holdAt = remembered.KnownAngleDegrees;
        var pulse = holdAt is { } angle ? calibration.PulseWidthMicroseconds(angle) : 0;

        // Opening a sysfs channel writes its duty cycle at once, and a channel left enabled by an agent that
        // was killed is still enabled: open it at the pulse the horn already has, or at none (no pulses, no torque).
        var channel = openChannel(calibration.DutyCycle(pulse));
        _motor = new ServoMotor(channel, calibration.MaximumAngleDegrees, calibration.PulseAtZeroMicroseconds, calibration.PulseAtMaximumMicroseconds);
        if (holdAt is { } held)
        {
            _motor.Start();
            _enabled = true;
            AngleDegrees = held;
            DispenserLog.Holding(logger, held, pulse);
        }
        else
        {
            _motor.Stop();
            if (remembered.TargetDegrees is { } target)
            {
                DispenserLog.InterruptedMoveFound(logger, remembered.AngleDegrees, target);
            }
            else
            {
                DispenserLog.NeverMoved(logger);
            }
        }
    }

    public double? AngleDegrees { get; private set; }

    public void MoveTo(double angleDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(angleDegrees);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(angleDegrees, _calibration.MaximumAngleDegrees);
        lock (_gate)
        {
            _memory.BeginMove(angleDegrees);
            _motor.WriteAngle(angleDegrees);
            if (!_enabled)
            {
                // The pulse width is set first, so the very first pulse already says where to go.
                _motor.Start();
                _enabled = true;
            }

            _memory.EndMove(angleDegrees);
            AngleDegrees = angleDegrees;
        }
    }

    /// <summary>Stops the pulses and releases the channel (the servo no longer holds, and does not move).</summary>
    public void Dispose() => _motor.Dispose();
}
