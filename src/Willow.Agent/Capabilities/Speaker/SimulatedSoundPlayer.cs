using System.Globalization;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>
/// The speaker's simulated twin: instead of running aplay it copies the WAV it would have played into an
/// output folder (the library's file, or espeak-ng's speech), records the play in memory and in its play log,
/// and takes as long as the sound (or the configured length). The newest <see cref="KeptOutputs"/> copies are kept.
/// </summary>
public sealed class SimulatedSoundPlayer(TimeProvider time, TimeSpan? soundLength, string? playLogPath = null, string? outputDirectory = null) : ISoundPlayer
{
    /// <summary>Enough to listen to the last calls of a demo without filling a Pi's card.</summary>
    public const int KeptOutputs = 50;

    private readonly List<SoundPlay> _plays = [];
    private readonly Lock _gate = new();

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

    public async Task PlayAsync(SoundClip clip, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var length = soundLength ?? (WavFile.TryDescribe(clip.Path, out var format, out _) ? format.Duration : TimeSpan.Zero);
        SoundPlay play;
        lock (_gate)
        {
            var output = outputDirectory is null ? null : WriteOutput(clip, at);
            play = new SoundPlay(at, clip.Name, clip.Text, output);
            _plays.Add(play);
            if (!string.IsNullOrWhiteSpace(playLogPath))
            {
                var what = clip.Text is null ? $"play {clip.Name}" : $"speak {clip.Text}";
                File.AppendAllText(playLogPath, string.Create(CultureInfo.InvariantCulture, $"{at:O} {what}\n"));
            }
        }

        await Task.Delay(length, time, cancellationToken);
    }

    private string WriteOutput(SoundClip clip, DateTimeOffset at)
    {
        Directory.CreateDirectory(outputDirectory!);
        var path = Path.Combine(outputDirectory!, string.Create(CultureInfo.InvariantCulture, $"{at:yyyyMMdd'T'HHmmss.fff'Z'}-{_plays.Count:D4}-{clip.Name}.wav"));
        File.Copy(clip.Path, path, overwrite: true);
        foreach (var old in new DirectoryInfo(outputDirectory!).EnumerateFiles("*.wav").OrderByDescending(f => f.Name, StringComparer.Ordinal).Skip(KeptOutputs))
        {
            old.Delete();
        }

        return path;
    }
}
