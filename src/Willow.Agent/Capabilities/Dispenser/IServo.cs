namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// A hobby servo on a PWM pin. The real driver sets the pulse width; the simulated twin records the move.
/// </summary>
public interface IServo
{
    /// <summary>The last commanded angle; null until the first command after start-up, because a booting
    /// agent drives nothing until a command asks.</summary>
    double? AngleDegrees { get; }

    /// <summary>Commands the servo to an angle. Returns at once; the horn takes its travel time to get there.</summary>
    void MoveTo(double angleDegrees);
}
