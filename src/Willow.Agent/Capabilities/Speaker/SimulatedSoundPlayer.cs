using System.Globalization;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>The speaker's simulated twin: it "plays" for a set length and records each play.</summary>
public sealed class SimulatedSoundPlayer(TimeProvider time, TimeSpan soundLength, string? playLogPath = null) : ISoundPlayer
{
    private readonly List<SoundPlay> _plays = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<string> Sounds { get; } = ["call", "whistle", "chime"];

    public IReadOnlyList<SoundPlay> Plays
    {
        get
        {
            lock (_gate)
            {
                return [.. _plays];
            }
        }
    }

    public async Task PlayAsync(string sound, CancellationToken cancellationToken)
    {
        var play = new SoundPlay(time.GetUtcNow(), sound);
        lock (_gate)
        {
            _plays.Add(play);
            if (!string.IsNullOrWhiteSpace(playLogPath))
            {
                File.AppendAllText(playLogPath, string.Create(CultureInfo.InvariantCulture, $"{play.At:O} play {sound}\n"));
            }
        }

        await Task.Delay(soundLength, time, cancellationToken);
    }
}
