using System.Diagnostics;
using System.Globalization;

namespace Willow.Bench;

/// <summary>Latency samples in Stopwatch ticks, summarised as percentiles in milliseconds.</summary>
internal sealed class Samples(string name)
{
    private readonly List<long> _ticks = [];

    public string Name => name;

    public int Count => _ticks.Count;

    public void Add(long ticks)
    {
        lock (_ticks)
        {
            _ticks.Add(ticks);
        }
    }

    public double Percentile(double p)
    {
        var sorted = _ticks.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return Milliseconds(sorted[Math.Clamp(index, 0, sorted.Length - 1)]);
    }

    public double Max => _ticks.Count == 0 ? double.NaN : Milliseconds(_ticks.Max());

    public static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public string Row(int width) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name.PadRight(width)}  {Count,8}  {Percentile(50),9:0.00}  {Percentile(95),9:0.00}  {Percentile(99),9:0.00}  {Max,9:0.00}");
}
