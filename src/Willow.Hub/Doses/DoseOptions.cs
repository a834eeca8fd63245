namespace Willow.Hub.Doses;

/// <summary>How the hub watches for doses the home said nothing about.</summary>
public sealed class DoseOptions
{
    public const string Section = "Doses";

    /// <summary>A dose whose window closed this long ago with no report from the home is recorded missed.</summary>
    public TimeSpan MissedGrace { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far back the scan looks (a hub down longer than this leaves older doses to the home's reports).</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(7);
}
