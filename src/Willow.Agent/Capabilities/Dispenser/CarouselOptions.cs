namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// A carousel (<c>Dispenser:Carousel</c>): a disc of compartments the servo turns one slot at a time over
/// the chute. Zero slots (the default) is a plain release-and-return dispenser.
/// </summary>
public sealed class CarouselOptions
{
    /// <summary>How many compartments are loaded at a refill; 0 for no carousel.</summary>
    public int Slots { get; set; }

    /// <summary>The angle that puts slot 0 over the chute.</summary>
    public double FirstSlotAngleDegrees { get; set; } = 30;

    /// <summary>The angle from one slot to the next (negative to turn the other way).</summary>
    public double StepDegrees { get; set; } = 30;

    /// <summary>Instead of the first angle and the step: each slot's angle, in the order they are emptied.</summary>
    public double[]? SlotAnglesDegrees { get; set; }

    public bool Enabled => Slots > 0;

    /// <summary>Each slot's angle, slot 0 first.</summary>
    public IReadOnlyList<double> Angles() =>
        SlotAnglesDegrees is { Length: > 0 } listed
            ? listed
            : [.. Enumerable.Range(0, Math.Max(Slots, 0)).Select(i => FirstSlotAngleDegrees + (i * StepDegrees))];

    internal IEnumerable<string> Problems(double homeDegrees, double maximumDegrees)
    {
        if (!Enabled)
        {
            if (Slots < 0)
            {
                yield return "Dispenser:Carousel:Slots must be 0 (no carousel) or more.";
            }

            yield break;
        }

        if (SlotAnglesDegrees is { Length: > 0 } listed && listed.Length != Slots)
        {
            yield return $"Dispenser:Carousel:SlotAnglesDegrees lists {listed.Length} angles for {Slots} slots; give one angle per slot.";
            yield break;
        }

        var angles = Angles();
        if (angles.Any(a => a < 0 || a > maximumDegrees))
        {
            yield return $"Dispenser:Carousel slot angles run from {angles[0]}° to {angles[^1]}°; each must be within 0–{maximumDegrees}° " +
                         "(Dispenser:Servo:MaximumAngleDegrees). Fewer slots or a smaller step fit.";
        }

        var direction = Math.Sign(angles[0] - homeDegrees);
        var stepsOneWay = direction != 0 && angles.Zip(angles.Skip(1)).All(pair => Math.Sign(pair.Second - pair.First) == direction);
        if (!stepsOneWay)
        {
            yield return $"Dispenser:Carousel slot angles must step one way, away from HomeAngleDegrees ({homeDegrees}°): " +
                         "the disc turns from home through slot 0, 1, 2… and every compartment it passes over the chute drops.";
        }
    }
}
