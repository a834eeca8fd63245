namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// The servo's PWM channel and calibration (<c>Dispenser:Servo</c>). The defaults are the TowerPro SG90
/// datasheet's: a 50 Hz (20 ms) frame, ~1 ms at one end of its travel and ~2 ms at the other, 180° apart.
/// Many SG90s travel further (0.5–2.4 ms); see the README for how to calibrate.
/// </summary>
public sealed class ServoOptions
{
    /// <summary>The PWM chip under <c>/sys/class/pwm</c>: <c>pwmchip0</c> with <c>dtoverlay=pwm-2chan</c> on a Pi Zero 2 W, 3 or 4.</summary>
    public int PwmChip { get; set; }

    /// <summary>The chip's channel: 0 drives GPIO18 (or GPIO12 with <c>pin=12,func=4</c>), 1 drives GPIO19 (or GPIO13).</summary>
    public int PwmChannel { get; set; }

    /// <summary>Frames per second: 50 Hz for analog hobby servos (SG90, MG90S, MG996R datasheets).</summary>
    public int FrequencyHertz { get; set; } = 50;

    /// <summary>The angle <see cref="PulseAtMaximumMicroseconds"/> turns the horn to, from 0°.</summary>
    public double MaximumAngleDegrees { get; set; } = 180;

    /// <summary>The pulse width that holds the horn at 0°.</summary>
    public int PulseAtZeroMicroseconds { get; set; } = 1000;

    /// <summary>The pulse width that holds the horn at <see cref="MaximumAngleDegrees"/>.</summary>
    public int PulseAtMaximumMicroseconds { get; set; } = 2000;

    /// <summary>
    /// The pulse width for an angle, computed exactly as <c>Iot.Device.ServoMotor.ServoMotor.WriteAngle</c>
    /// does, so the pulse a restarted agent holds is the very one it last wrote.
    /// </summary>
    public int PulseWidthMicroseconds(double angleDegrees)
    {
        var microsecondsPerDegree = (double)(PulseAtMaximumMicroseconds - PulseAtZeroMicroseconds) / MaximumAngleDegrees;
        return (int)((microsecondsPerDegree * angleDegrees) + PulseAtZeroMicroseconds);
    }

    /// <summary>The duty cycle (0–1) of a pulse width at <see cref="FrequencyHertz"/>.</summary>
    public double DutyCycle(int pulseWidthMicroseconds) => pulseWidthMicroseconds / 1_000_000.0 * FrequencyHertz;

    internal IEnumerable<string> Problems()
    {
        if (FrequencyHertz is < 40 or > 330)
        {
            yield return "Dispenser:Servo:FrequencyHertz must be 40 to 330 (50 for analog hobby servos).";
        }

        if (PwmChip < 0 || PwmChannel < 0)
        {
            yield return "Dispenser:Servo:PwmChip and PwmChannel are numbers from 0 (see ls /sys/class/pwm).";
        }

        if (MaximumAngleDegrees is <= 0 or > 360)
        {
            yield return "Dispenser:Servo:MaximumAngleDegrees must be more than 0 and at most 360 (180 for an SG90).";
        }

        var frame = FrequencyHertz > 0 ? 1_000_000 / FrequencyHertz : 0;
        if (PulseAtZeroMicroseconds <= 0 || PulseAtMaximumMicroseconds <= PulseAtZeroMicroseconds || PulseAtMaximumMicroseconds >= frame)
        {
            yield return $"Dispenser:Servo pulse widths must satisfy 0 < PulseAtZeroMicroseconds < PulseAtMaximumMicroseconds < {frame} (one frame); " +
                         $"they are {PulseAtZeroMicroseconds} and {PulseAtMaximumMicroseconds}. Typical: 1000 and 2000, or 500 and 2400.";
        }
    }
}
