namespace Willow.Hub.Devices;

/// <summary>When a device that has stopped reporting counts as offline.</summary>
public sealed class PresenceOptions
{
    public const string Section = "Presence";

    /// <summary>
    /// A gateway re-reports its devices every 15 s and a long-polling device asks at least every 60 s, so
    /// 90 s of silence means it is gone.
    /// </summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(90);
}
