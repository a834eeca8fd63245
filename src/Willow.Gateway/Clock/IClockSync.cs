namespace Willow.Gateway.Clock;

/// <summary>Asks the operating system whether NTP has synchronised the clock.</summary>
public interface IClockSync
{
    ClockSyncState Read();
}

public enum ClockSyncState
{
    Unknown,
    Unsynchronized,
    Synchronized,
}
