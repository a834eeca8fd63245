namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// The load cell under the food bowl, as its converter reports it: raw counts, without zero or scale. The
/// <see cref="BowlScale"/> turns counts into grams.
/// </summary>
public interface ILoadCell
{
    /// <summary>What it is and where it is wired, for logs: "HX711 on DOUT GPIO5, SCK GPIO6".</summary>
    string Description { get; }

    /// <summary>Reads the cell: the median of several conversions. False when the converter did not answer.</summary>
    bool TryReadCounts(out double counts);
}
