namespace Willow.Gateway.Doses;

/// <summary>How the gateway runs the schedule.</summary>
public sealed class DoseRunnerOptions
{
    public const string Section = "Doses";

    /// <summary>How far back the runner accounts for doses (after a long power cut, older ones are left to the hub's record).</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>With call-first, how long the dispense waits for the call to finish at most.</summary>
    public TimeSpan CallLead { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A photo after a dose that the camera has not started this long after the dose dropped is not taken.</summary>
    public TimeSpan PhotoWithin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest the runner sleeps between looks at the schedule.</summary>
    public TimeSpan MaxSleep { get; set; } = TimeSpan.FromSeconds(30);
}
