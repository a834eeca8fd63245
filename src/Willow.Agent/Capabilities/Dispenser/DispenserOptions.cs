using System.ComponentModel.DataAnnotations;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>How the dispenser's servo moves, how often it may release, and what else it has (carousel, drop sensor).</summary>
public sealed class DispenserOptions : IValidatableObject
{
    public const string Section = "Dispenser";

    /// <summary><c>pwm</c>: a servo on the Pi's hardware PWM. <c>simulated</c>: the same servo logic over a recorded channel.</summary>
    [AllowedValues("simulated", "pwm", ErrorMessage = "Dispenser:Driver must be 'pwm' (a servo on the Pi's hardware PWM) or 'simulated'.")]
    public string Driver { get; set; } = "simulated";

    /// <summary>No dispense within this interval of the last one, unless an owner overrides. Zero turns it off.</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.Zero;

    /// <summary>Where the horn rests, closing the chute (and, with a carousel, where no compartment is over it).</summary>
    [Range(0, 360)]
    public double HomeAngleDegrees { get; set; }

    [Range(0, 360)]
    public double ReleaseAngleDegrees { get; set; } = 90;

    /// <summary>
    /// Time at the release angle: an SG90 travels 60° in about 0.1 s at 4.8 V (datasheet), so 90° takes
    /// ~0.15 s; the rest lets a treat fall clear before the horn closes. With a carousel, the time given to
    /// turn one slot (30° takes ~0.05 s) and let the compartment empty.
    /// </summary>
    public TimeSpan Dwell { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Time for the horn to travel back home before the next portion or command (90° in ~0.15 s, SG90 datasheet).</summary>
    public TimeSpan ReturnTravel { get; set; } = TimeSpan.FromMilliseconds(200);

    public ServoOptions Servo { get; set; } = new();

    public CarouselOptions Carousel { get; set; } = new();

    public DropSensorOptions DropSensor { get; set; } = new();

    /// <summary>
    /// For the simulated servo: a file each commanded move is appended to (<c>&lt;time&gt; move 0 -> 90</c>),
    /// flushed to disk (tests and the demo count moves across restarts).
    /// </summary>
    public string? SimulatedMovementLog { get; set; }

    /// <summary>For the simulated servo: a file each signal of its PWM channel is appended to (<c>pwm on 1500us</c>), flushed to disk.</summary>
    public string? SimulatedPulseLog { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var problems = new List<string>();
        problems.AddRange(Servo.Problems());
        var maximum = Servo.MaximumAngleDegrees;
        if (HomeAngleDegrees > maximum || ReleaseAngleDegrees > maximum)
        {
            problems.Add($"Dispenser:HomeAngleDegrees ({HomeAngleDegrees}) and ReleaseAngleDegrees ({ReleaseAngleDegrees}) must be within " +
                         $"Dispenser:Servo:MaximumAngleDegrees ({maximum}).");
        }

        if (Dwell < TimeSpan.Zero || Dwell > TimeSpan.FromSeconds(10) || ReturnTravel < TimeSpan.Zero || ReturnTravel > TimeSpan.FromSeconds(10))
        {
            problems.Add("Dispenser:Dwell and Dispenser:ReturnTravel must be between 0 and 10 seconds.");
        }

        problems.AddRange(Carousel.Problems(HomeAngleDegrees, maximum));
        problems.AddRange(DropSensor.Problems());
        return problems.Select(p => new ValidationResult(p));
    }
}
