using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Willow.Agent.Capabilities.Speaker;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Testing;

namespace Willow.Agent.Tests.Speaker;

/// <summary>
/// <c>call</c> end to end below the API: the library, the real espeak-ng, and the simulated twin writing the
/// WAV it would have played (or the real ALSA player on a device that cannot play).
/// </summary>
public sealed class CallTests : IDisposable
{
    private readonly TempDirectory _directory = new("call");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Call_WithText_SpeaksItThroughEspeakNg_AndTheTwinWritesTheSpokenWav()
    {
        var (speaker, twin) = Speaker();

        var result = await speaker.ExecuteAsync(Call("{\"text\":\"Willow, come here!\",\"repeat\":2}"), CancellationToken.None);

        Assert.Equal(CommandState.Succeeded, result.State);
        Assert.Equal("Said \"Willow, come here!\" 2 times.", result.Detail);
        Assert.Equal(2, twin.Plays.Count);
        Assert.All(twin.Plays, p => Assert.Equal(("speech", "Willow, come here!"), (p.Sound, p.Text)));
        Assert.True(WavFile.TryDescribe(twin.Plays[0].OutputFile!, out var spoken, out _));
        Assert.True(spoken.Duration > TimeSpan.FromSeconds(0.3));
    }

    [Fact]
    public async Task Call_Sound_TheTwinWritesACopyOfTheLibraryFile_AndLogsThePlay()
    {
        var log = _directory.File("plays.log");
        var (speaker, twin) = Speaker(playLog: log);

        var result = await speaker.ExecuteAsync(Call("{\"sound\":\"whistle\"}"), CancellationToken.None);

        Assert.Equal("Played 'whistle'.", result.Detail);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_directory.Path, "sounds", "whistle.wav")), File.ReadAllBytes(twin.Plays[0].OutputFile!));
        Assert.EndsWith(" play whistle", Assert.Single(File.ReadAllLines(log)), StringComparison.Ordinal);
    }

    [Fact]
    public void Call_SoundTheLibraryDoesNotHave_IsRefusedNamingWhatItHas()
    {
        var (speaker, _) = Speaker();

        Assert.Equal(
            "This speaker has no sound 'bark'. It has: call, chime, whistle.",
            speaker.Refuse(Call("{\"sound\":\"bark\"}")));
    }

    [Fact]
    public async Task Call_OnASpeakerAlsaCannotOpen_FailsWithTheReason()
    {
        var options = Options.Create(new SpeakerOptions { Driver = "alsa", Device = "no-such-speaker" });
        var speaker = new SpeakerCapability(
            Library(), new SpeechSynthesizer(options, TimeProvider.System),
            new AlsaSoundPlayer(options, TimeProvider.System, NullLogger<AlsaSoundPlayer>.Instance), NullLogger<SpeakerCapability>.Instance);

        var result = await speaker.ExecuteAsync(Call("{}"), CancellationToken.None);

        Assert.Equal(CommandState.Failed, result.State);
        Assert.Contains("could not play 'call'", result.Detail, StringComparison.Ordinal);
    }

    private (SpeakerCapability Speaker, SimulatedSoundPlayer Twin) Speaker(string? playLog = null)
    {
        var twin = new SimulatedSoundPlayer(TimeProvider.System, TimeSpan.Zero, playLog, _directory.Sub("played"));
        var speaker = new SpeakerCapability(
            Library(), new SpeechSynthesizer(Options.Create(new SpeakerOptions()), TimeProvider.System), twin, NullLogger<SpeakerCapability>.Instance);
        return (speaker, twin);
    }

    private SoundLibrary Library() => new(Path.Combine(_directory.Path, "sounds"), TimeProvider.System, NullLogger<SoundLibrary>.Instance);

    private static ActuationRequest Call(string args) => new(
        Guid.NewGuid(), CommandKinds.Call, JsonElement.Parse(args), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1));
}
