using Microsoft.Extensions.Options;
using Willow.Agent.Capabilities.Speaker;

namespace Willow.Agent.Tests.Speaker;

/// <summary>Speech through the real espeak-ng (Debian package espeak-ng).</summary>
public sealed class SpeechTests
{
    [Fact]
    public async Task Speak_WithRealEspeakNg_WritesAPlayableWavOfSomeLength()
    {
        var speech = new SpeechSynthesizer(Options.Create(new SpeakerOptions()), TimeProvider.System);

        var path = await speech.SpeakToFileAsync("Willow, dinner time!", CancellationToken.None);
        try
        {
            Assert.True(WavFile.TryDescribe(path, out var format, out var problem), problem);
            Assert.InRange(format.Duration, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
            Assert.Equal(1, format.Channels);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Speak_TextThatLooksLikeAnOption_IsSpokenNotObeyed()
    {
        var speech = new SpeechSynthesizer(Options.Create(new SpeakerOptions()), TimeProvider.System);

        var path = await speech.SpeakToFileAsync("-v xx --help", CancellationToken.None);

        Assert.True(WavFile.TryDescribe(path, out var format, out _));
        Assert.True(format.Duration > TimeSpan.Zero);
        File.Delete(path);
    }

    [Fact]
    public async Task Speak_VoiceEspeakDoesNotHave_FailsNamingTheSetting()
    {
        var speech = new SpeechSynthesizer(Options.Create(new SpeakerOptions { Voice = "xx-nowhere" }), TimeProvider.System);

        var error = await Assert.ThrowsAsync<SoundNotPlayedException>(() => speech.SpeakToFileAsync("Willow", CancellationToken.None));

        Assert.Contains("Speaker:Voice", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLine_VoiceAndSpeedFromSettings_TextOnStandardInput() =>
        Assert.Equal(
            ["-v", "en-gb+f3", "-s", "140", "-b", "1", "-w", "/tmp/out.wav", "--stdin"],
            SpeechSynthesizer.Arguments("en-gb+f3", 140, "/tmp/out.wav"));
}
