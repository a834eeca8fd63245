namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// Where the dispenser remembers its horn: <see cref="AngleDegrees"/>, the last angle whose pulse width was
/// set (null if the servo was never moved), and <see cref="TargetDegrees"/>, a move that began and was not
/// confirmed (the agent stopped in between, so the horn may be anywhere between the two).
/// </summary>
public sealed record ServoPosition(double? AngleDegrees, double? TargetDegrees)
{
    /// <summary>The angle the horn is known to be at, or null when it is not known.</summary>
    public double? KnownAngleDegrees => TargetDegrees is null || TargetDegrees == AngleDegrees ? AngleDegrees : null;
}
