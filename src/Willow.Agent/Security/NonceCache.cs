namespace Willow.Agent.Security;

/// <summary>
/// Nonces seen within the signature window. A nonce seen twice is a replay. Entries older than the window
/// are dropped, because the timestamp check already refuses anything that old.
/// </summary>
public sealed class NonceCache(TimeProvider time, TimeSpan window, int capacity = 100_000)
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Remembers the nonce; false if it was seen already (or the cache is full: fail closed).</summary>
    public bool TryRemember(string nonce)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_seen.Count >= capacity)
            {
                foreach (var stale in _seen.Where(e => now - e.Value > window).Select(e => e.Key).ToList())
                {
                    _seen.Remove(stale);
                }

                if (_seen.Count >= capacity)
                {
                    return false;
                }
            }

            return _seen.TryAdd(nonce, now);
        }
    }
}
