using Willow.Core.Readings;

namespace Willow.Hub.Readings;

/// <summary>A sensor value on the wire, with its unit (°C, %, g; none for motion, which is 1 or 0).</summary>
public sealed record ReadingView(string DeviceId, string Metric, double Value, string Unit, DateTimeOffset At)
{
    public static ReadingView From(Reading reading) =>
        new(reading.DeviceId, reading.Metric, reading.Value, Metrics.UnitOf(reading.Metric), reading.At);
}
