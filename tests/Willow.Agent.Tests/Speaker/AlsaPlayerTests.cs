using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Willow.Agent.Capabilities.Speaker;
using Willow.Testing;

namespace Willow.Agent.Tests.Speaker;

/// <summary>
/// The ALSA player with the real aplay and amixer (Debian package alsa-utils). This machine has no sound
/// card, so sound goes to ALSA's own <c>null</c> device, which takes the samples and discards them.
/// </summary>
public sealed class AlsaPlayerTests : IDisposable
{
    private readonly TempDirectory _directory = new("alsa");

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("default")]
    [InlineData("plughw:CARD=Device,DEV=0")]
    [InlineData("hw:1,0")]
    public void PlayCommandLine_NamesTheConfiguredDevice(string device) =>
        Assert.Equal(["-q", "-D", device, "/var/lib/willow/agent/sounds/call.wav"], AlsaSoundPlayer.PlayArguments(device, "/var/lib/willow/agent/sounds/call.wav"));

    [Fact]
    public void VolumeCommandLine_SetsThePercentOnTheConfiguredControl() =>
        Assert.Equal(["-D", "hw:1", "-q", "sset", "Speaker", "65%"], AlsaSoundPlayer.VolumeArguments("hw:1", "Speaker", 65));

    [Fact]
    public async Task Play_OnAlsaNullDevice_RunsAplayToTheEnd()
    {
        var player = Player(new SpeakerOptions { Driver = "alsa", Device = "null" });

        await player.PlayAsync(new SoundClip("chime", Chime()), CancellationToken.None);
    }

    [Fact]
    public async Task Play_DeviceThatDoesNotExist_FailsWithAplaysReason()
    {
        var player = Player(new SpeakerOptions { Driver = "alsa", Device = "no-such-speaker" });

        var error = await Assert.ThrowsAsync<SoundNotPlayedException>(() => player.PlayAsync(new SoundClip("chime", Chime()), CancellationToken.None));

        Assert.Contains("'no-such-speaker'", error.Message, StringComparison.Ordinal);
        Assert.Contains("aplay exited with code 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Play_VolumeCannotBeSet_StillPlays()
    {
        // No sound card here, so amixer fails; a call at the old volume beats no call.
        var player = Player(new SpeakerOptions { Driver = "alsa", Device = "null", VolumePercent = 70, MixerDevice = "hw:9" });

        await player.PlayAsync(new SoundClip("chime", Chime()), CancellationToken.None);
    }

    private static AlsaSoundPlayer Player(SpeakerOptions options) =>
        new(Options.Create(options), TimeProvider.System, NullLogger<AlsaSoundPlayer>.Instance);

    private string Chime()
    {
        var path = _directory.File("chime.wav");
        File.WriteAllBytes(path, BuiltInSounds.Render("chime"));
        return path;
    }
}
