namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// The food bowl's weight: load-cell counts less the zero, times grams per count. The zero comes from the
/// last <c>tare</c> (kept in the sensor store, so it survives restarts), or from
/// <see cref="SensorsOptions.ScaleZeroCounts"/> until there has been one.
/// </summary>
public sealed class BowlScale
{
    private readonly ILoadCell _cell;
    private readonly SensorStore _store;
    private readonly double _gramsPerCount;
    private readonly Lock _gate = new();
    private double? _zeroCounts;

    public BowlScale(ILoadCell cell, SensorStore store, double gramsPerCount, double? configuredZeroCounts)
    {
        _cell = cell;
        _store = store;
        _gramsPerCount = gramsPerCount;
        _zeroCounts = store.LoadBowlZero()?.Counts ?? configuredZeroCounts;
    }

    public string Description => _cell.Description;

    /// <summary>The counts that mean an empty bowl, or null before the first tare.</summary>
    public double? ZeroCounts
    {
        get
        {
            lock (_gate)
            {
                return _zeroCounts;
            }
        }
    }

    /// <summary>What is in the bowl. False if the scale has no zero yet or the cell did not answer.</summary>
    public bool TryReadBowlWeightGrams(out double grams)
    {
        grams = 0;
        if (ZeroCounts is not { } zero || !_cell.TryReadCounts(out var counts))
        {
            return false;
        }

        grams = Math.Round((counts - zero) * _gramsPerCount, 1);
        return true;
    }

    /// <summary>Takes what the cell reads now, with the empty bowl on it, as the zero, and keeps it durably.</summary>
    public bool TryTare(DateTimeOffset at, out double zeroCounts)
    {
        if (!TryReadCounts(out zeroCounts))
        {
            return false;
        }

        SetZero(zeroCounts, at);
        return true;
    }

    /// <summary>What the load cell reads, in counts, before the zero and the calibration.</summary>
    public bool TryReadCounts(out double counts) => _cell.TryReadCounts(out counts);

    /// <summary>Makes <paramref name="zeroCounts"/> the empty bowl's reading, on disk before it is used.</summary>
    public void SetZero(double zeroCounts, DateTimeOffset at)
    {
        _store.SaveBowlZero(new BowlZero(zeroCounts, at));
        lock (_gate)
        {
            _zeroCounts = zeroCounts;
        }
    }
}
