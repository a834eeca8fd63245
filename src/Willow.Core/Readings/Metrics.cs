namespace Willow.Core.Readings;

/// <summary>
/// What a sensors agent measures. Each metric has one unit everywhere (agent, hub, dashboard, Home
/// Assistant), so a value never needs its unit carried beside it.
/// </summary>
public static class Metrics
{
    /// <summary>Air temperature in degrees Celsius (DHT22, BME280).</summary>
    public const string Temperature = "temperature";

    /// <summary>Relative humidity in percent (DHT22, BME280).</summary>
    public const string Humidity = "humidity";

    /// <summary>What is in the bowl, in grams (HX711 load cell under it, after tare).</summary>
    public const string BowlWeight = "bowl_weight";

    /// <summary>Motion seen by a PIR sensor: 1 when it starts, 0 when it ends.</summary>
    public const string Motion = "motion";

    public static IReadOnlyList<string> All { get; } = [Temperature, Humidity, BowlWeight, Motion];

    public static bool IsKnown(string? metric) => metric is not null && All.Contains(metric, StringComparer.Ordinal);

    public static string UnitOf(string metric) => metric switch
    {
        Temperature => "°C",
        Humidity => "%",
        BowlWeight => "g",
        Motion => "",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
    };
}
