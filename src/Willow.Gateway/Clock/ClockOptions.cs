namespace Willow.Gateway.Clock;

/// <summary>When the gateway trusts its clock enough to give scheduled doses.</summary>
public sealed class ClockOptions
{
    public const string Section = "Clock";

    /// <summary>How far the gateway's clock may be from the hub's and still count as right.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A wall-clock step larger than this (against the monotonic clock) distrusts the clock until checked again.</summary>
    public TimeSpan JumpThreshold { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the clock is compared with the hub's while connected.</summary>
    public TimeSpan HubCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// For a board with a battery-backed clock (an RTC module): trust the clock from boot. A bare Raspberry
    /// Pi has none, and its clock is wrong after a power cut until NTP syncs.
    /// </summary>
    public bool AssumeSynchronized { get; set; }
}
