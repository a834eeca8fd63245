using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Agent.Hardware;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>
/// Plays through ALSA: <c>aplay -q -D &lt;device&gt; &lt;file.wav&gt;</c>, after setting the volume with
/// <c>amixer -D &lt;mixer&gt; -q sset &lt;control&gt; N%</c> when one is configured. The volume is set before
/// every sound, not once, because a USB speaker that is unplugged and plugged back comes up at its own level.
/// </summary>
public sealed class AlsaSoundPlayer(IOptions<SpeakerOptions> options, TimeProvider time, ILogger<AlsaSoundPlayer> logger) : ISoundPlayer
{
    /// <summary>amixer answers in milliseconds; a hung one must not hold the call back.</summary>
    private static readonly TimeSpan MixerTimeout = TimeSpan.FromSeconds(5);

    private readonly SpeakerOptions _options = options.Value;

    internal static IReadOnlyList<string> PlayArguments(string device, string wavPath) => ["-q", "-D", device, wavPath];

    internal static IReadOnlyList<string> VolumeArguments(string mixerDevice, string control, int percent) =>
        ["-D", mixerDevice, "-q", "sset", control, percent.ToString(CultureInfo.InvariantCulture) + "%"];

    public async Task PlayAsync(SoundClip clip, CancellationToken cancellationToken)
    {
        if (_options.VolumePercent is { } percent)
        {
            await SetVolumeAsync(percent, cancellationToken);
        }

        ProgramResult result;
        try
        {
            result = await ExternalProgram.RunAsync("aplay", PlayArguments(_options.Device, clip.Path), _options.PlayTimeout, time, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new SoundNotPlayedException($"'{clip.Name}' was still playing after {_options.PlayTimeout.TotalSeconds:0} s and was stopped (Speaker:PlayTimeout).", ex);
        }

        if (!result.Succeeded)
        {
            throw new SoundNotPlayedException($"The speaker could not play '{clip.Name}' on ALSA device '{_options.Device}' ({result.Describe("aplay")}). List devices with aplay -L.");
        }
    }

    /// <summary>A volume that cannot be set is logged, and the sound plays anyway: a call at the old volume beats none.</summary>
    private async Task SetVolumeAsync(int percent, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ExternalProgram.RunAsync(
                "amixer", VolumeArguments(_options.MixerDevice, _options.MixerControl, percent), MixerTimeout, time, cancellationToken);
            if (!result.Succeeded)
            {
                SpeakerLog.VolumeNotSet(logger, percent, _options.MixerControl, _options.MixerDevice, result.Describe("amixer"));
            }
        }
        catch (TimeoutException ex)
        {
            SpeakerLog.VolumeNotSet(logger, percent, _options.MixerControl, _options.MixerDevice, ex.Message);
        }
    }
}
