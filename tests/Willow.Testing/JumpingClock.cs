using Microsoft.Extensions.Time.Testing;

namespace Willow.Testing;

/// <summary>
/// A fake clock whose wall time can step while its monotonic time does not, as a Pi's clock does when NTP
/// corrects it after boot or a person sets it by hand. Timers and timestamps follow the monotonic time.
/// </summary>
public sealed class JumpingClock(FakeTimeProvider inner) : TimeProvider
{
    private TimeSpan _offset;

    public FakeTimeProvider Inner => inner;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + _offset;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Steps the wall clock without time passing.</summary>
    public void Jump(TimeSpan by) => _offset += by;

    public void Advance(TimeSpan by) => inner.Advance(by);
}
