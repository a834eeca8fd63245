namespace Willow.Hub.Regimens;

/// <summary>Limits on the regimens people may set.</summary>
public sealed class RegimenOptions
{
    public const string Section = "Regimens";

    /// <summary>
    /// Doses closer than this are refused. Medication is given every few hours at most; a test rig may lower it.
    /// </summary>
    public TimeSpan MinimumScheduleInterval { get; set; } = TimeSpan.FromMinutes(15);
}
