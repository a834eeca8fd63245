using System.ComponentModel.DataAnnotations;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>How the dispenser's servo moves and how often it may release.</summary>
public sealed class DispenserOptions
{
    public const string Section = "Dispenser";

    /// <summary><c>simulated</c> is the only driver until the hardware drivers land (see this folder's README).</summary>
    [AllowedValues("simulated", ErrorMessage = "Dispenser:Driver must be 'simulated' (the servo driver is not built yet).")]
    public string Driver { get; set; } = "simulated";

    /// <summary>No dispense within this interval of the last one, unless an owner overrides. Zero turns it off.</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.Zero;

    [Range(0, 180)]
    public double HomeAngleDegrees { get; set; }

    [Range(0, 180)]
    public double ReleaseAngleDegrees { get; set; } = 90;

    /// <summary>
    /// Time at the release angle: an SG90 travels 60° in about 0.1 s at 4.8 V (datasheet), so 90° takes
    /// ~0.15 s; the rest lets a treat fall clear before the horn closes.
    /// </summary>
    public TimeSpan Dwell { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Time for the horn to travel back home before the next portion or command.</summary>
    public TimeSpan ReturnTravel { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>For the simulated servo: a file each move is appended to (tests count moves across restarts).</summary>
    public string? SimulatedMovementLog { get; set; }
}
