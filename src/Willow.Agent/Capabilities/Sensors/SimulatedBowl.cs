namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// The load cell's simulated twin: a food bowl the dog empties a mouthful at a time, in meals a few hours
/// apart, and that a person refills when it runs low. It reports counts as a calibrated cell would (grams
/// divided by <c>gramsPerCount</c>, zero for the empty bowl) with about a gram of noise, like a 5 kg cell on
/// an HX711. Events are worked out when the bowl is read, from the <see cref="TimeProvider"/>'s clock.
/// </summary>
public sealed class SimulatedBowl : ILoadCell
{
    public const double FullGrams = 300;
    private const double RefillBelowGrams = 40;

    /// <summary>After a clock step longer than this (a Pi's clock set by NTP after boot), the bowl starts afresh instead of replaying it.</summary>
    private static readonly TimeSpan LongestCatchUp = TimeSpan.FromDays(2);

    private readonly TimeProvider _time;
    private readonly double _gramsPerCount;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private DateTimeOffset _next;
    private int _mouthfulsLeft;
    private bool _refillDue;

    public SimulatedBowl(TimeProvider time, double gramsPerCount, Random random)
    {
        _time = time;
        _gramsPerCount = gramsPerCount;
        _random = random;
        _next = time.GetUtcNow() + MealGap();
    }

    public string Description => "simulated bowl";

    /// <summary>What the dog has left, without noise (for tests).</summary>
    public double FoodGrams { get; private set; } = FullGrams;

    public bool TryReadCounts(out double counts)
    {
        lock (_gate)
        {
            CatchUp(_time.GetUtcNow());
            counts = (FoodGrams + SimulatedNoise.Gaussian(_random, 1)) / _gramsPerCount;
            return true;
        }
    }

    private void CatchUp(DateTimeOffset now)
    {
        if ((now - _next).Duration() > LongestCatchUp)
        {
            _next = now + MealGap();
        }

        while (_next <= now)
        {
            if (_refillDue)
            {
                FoodGrams = FullGrams;
                _refillDue = false;
                _next += MealGap();
            }
            else if (_mouthfulsLeft == 0)
            {
                // A meal begins: the first mouthful at once.
                _mouthfulsLeft = _random.Next(5, 13);
            }
            else
            {
                FoodGrams = Math.Max(0, FoodGrams - SimulatedNoise.Between(_random, 6, 15));
                _mouthfulsLeft--;
                if (FoodGrams < RefillBelowGrams)
                {
                    _mouthfulsLeft = 0;
                    _refillDue = true;
                    _next += SimulatedNoise.Between(_random, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
                }
                else
                {
                    _next += _mouthfulsLeft > 0
                        ? SimulatedNoise.Between(_random, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20))
                        : MealGap();
                }
            }
        }
    }

    private TimeSpan MealGap() => SimulatedNoise.Between(_random, TimeSpan.FromHours(2), TimeSpan.FromHours(5));
}
