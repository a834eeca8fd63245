namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// An optional sensor in the chute (<c>Dispenser:DropSensor</c>), such as an IR break-beam, that sees a
/// portion fall. Without <see cref="Pin"/> the dispenser trusts the servo.
/// </summary>
public sealed class DropSensorOptions
{
    /// <summary>The GPIO (BCM number) the sensor's output is wired to, e.g. 17; unset for no sensor.</summary>
    public int? Pin { get; set; }

    /// <summary><c>low</c> when the output goes low while something is in the beam (open-collector break-beams), or <c>high</c>.</summary>
    public string ActiveLevel { get; set; } = "low";

    /// <summary>The Pi's internal resistor on the pin: <c>up</c> for an open-collector output, <c>down</c>, or <c>none</c>.</summary>
    public string Pull { get; set; } = "up";

    /// <summary>
    /// How long after the horn reaches its release angle a portion may still be seen falling: a treat drops
    /// ~10 cm through the chute in ~0.15 s (free fall), the rest allows for one that tumbles.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>For the simulated driver: how many portions fall before the simulated hopper is empty; unset never runs out.</summary>
    public int? SimulatedPortions { get; set; }

    public bool Enabled => Pin is not null;

    internal IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (Pin is < 0 or > 53)
        {
            yield return "Dispenser:DropSensor:Pin is a BCM GPIO number, 0 to 53 (2 to 27 on the 40-pin header).";
        }

        if (ActiveLevel is not ("low" or "high"))
        {
            yield return "Dispenser:DropSensor:ActiveLevel must be 'low' (output goes low when the beam is broken) or 'high'.";
        }

        if (Pull is not ("up" or "down" or "none"))
        {
            yield return "Dispenser:DropSensor:Pull must be 'up', 'down' or 'none'.";
        }

        if (Window <= TimeSpan.Zero || Window > TimeSpan.FromSeconds(10))
        {
            yield return "Dispenser:DropSensor:Window must be more than 0 and at most 10 seconds.";
        }
    }
}
