namespace Willow.Core.Links;

/// <summary>
/// Exponential back-off with jitter for reconnect loops: 1 s, 2 s, 4 s … up to a ceiling, each randomised
/// by ±20 % so that a hundred homes coming back after an outage do not all knock at the same instant.
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan maximum)
{
    private int _attempt;

    public static Backoff Default() => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    public int Attempt => _attempt;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_attempt, 20);
        _attempt++;
        var baseDelay = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), maximum.TotalMilliseconds);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(Math.Min(baseDelay * jitter, maximum.TotalMilliseconds));
    }

    public void Reset() => _attempt = 0;
}
