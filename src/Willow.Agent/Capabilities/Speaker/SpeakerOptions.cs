using System.ComponentModel.DataAnnotations;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>How the speaker plays its sounds and speaks.</summary>
public sealed class SpeakerOptions
{
    public const string Section = "Speaker";

    /// <summary><c>alsa</c>: plays through <c>aplay</c>. <c>simulated</c>: writes what it would have played to a folder.</summary>
    [AllowedValues("simulated", "alsa", ErrorMessage = "Speaker:Driver must be 'alsa' (play through aplay) or 'simulated'.")]
    public string Driver { get; set; } = "simulated";

    /// <summary>The ALSA playback device (<c>aplay -D</c>): <c>default</c>, or one from <c>aplay -L</c> such as <c>plughw:CARD=Device,DEV=0</c>.</summary>
    [RegularExpression(@"^[^\s-]\S{0,127}$", ErrorMessage = "Speaker:Device must be an ALSA device name from 'aplay -L', e.g. 'default' or 'plughw:CARD=Device,DEV=0'.")]
    public string Device { get; set; } = "default";

    /// <summary>The loudness to set before each sound, 0–100 %; unset leaves the mixer as it is.</summary>
    [Range(0, 100, ErrorMessage = "Speaker:VolumePercent must be 0 to 100.")]
    public int? VolumePercent { get; set; }

    /// <summary>The ALSA mixer (<c>amixer -D</c>) the volume is set on: <c>default</c>, or <c>hw:1</c> for card 1.</summary>
    [RegularExpression(@"^[^\s-]\S{0,127}$", ErrorMessage = "Speaker:MixerDevice must be an ALSA control device, e.g. 'default' or 'hw:1'.")]
    public string MixerDevice { get; set; } = "default";

    /// <summary>The mixer control the volume is set on; <c>amixer -D &lt;mixer&gt; scontrols</c> lists them (USB speakers: <c>PCM</c> or <c>Speaker</c>).</summary>
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9 _.,'-]{0,63}$", ErrorMessage = "Speaker:MixerControl must be a control name from 'amixer scontrols', e.g. 'PCM', 'Speaker' or 'Master'.")]
    public string MixerControl { get; set; } = "PCM";

    /// <summary>The <c>espeak-ng</c> voice for spoken calls (<c>espeak-ng --voices</c> lists them), e.g. <c>en</c>, <c>en-gb</c>, <c>de</c>, <c>en+f3</c>.</summary>
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9_+-]{0,39}$", ErrorMessage = "Speaker:Voice must be an espeak-ng voice name such as 'en', 'en-gb' or 'en+f3' (see espeak-ng --voices).")]
    public string Voice { get; set; } = "en";

    /// <summary>How fast spoken calls are, in words per minute (espeak-ng's default is 175; slower carries better to a dog).</summary>
    [Range(80, 450, ErrorMessage = "Speaker:WordsPerMinute must be 80 to 450.")]
    public int WordsPerMinute { get; set; } = 150;

    /// <summary>The sound library, a folder of WAV files; unset: <c>&lt;Agent:DataDirectory&gt;/sounds</c>.</summary>
    public string? SoundsDirectory { get; set; }

    /// <summary>The longest a sound may play before it is stopped (a 2 MB WAV at 22 kHz mono lasts ~47 s).</summary>
    public TimeSpan PlayTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>For the simulated player: how long one play lasts; unset, as long as the sound itself.</summary>
    public TimeSpan? SimulatedSoundLength { get; set; }

    /// <summary>For the simulated player: a file each play is appended to (<c>&lt;time&gt; play call</c>).</summary>
    public string? SimulatedPlayLog { get; set; }

    /// <summary>For the simulated player: where it writes each WAV it would have played; unset, <c>&lt;Agent:DataDirectory&gt;/played</c>.</summary>
    public string? SimulatedOutputDirectory { get; set; }
}
