using System.ComponentModel.DataAnnotations;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>How the speaker plays its sounds.</summary>
public sealed class SpeakerOptions
{
    public const string Section = "Speaker";

    /// <summary><c>simulated</c> is the only driver until the hardware drivers land (see this folder's README).</summary>
    [AllowedValues("simulated", ErrorMessage = "Speaker:Driver must be 'simulated' (the ALSA driver is not built yet).")]
    public string Driver { get; set; } = "simulated";

    /// <summary>How long one simulated sound lasts.</summary>
    public TimeSpan SimulatedSoundLength { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>For the simulated player: a file each play is appended to.</summary>
    public string? SimulatedPlayLog { get; set; }
}
