namespace Willow.Agent.Capabilities.Speaker;

/// <summary>Plays a sound from the speaker's library. The real driver uses ALSA; the twin records the play.</summary>
public interface ISoundPlayer
{
    /// <summary>The sound names this player can play.</summary>
    IReadOnlyCollection<string> Sounds { get; }

    /// <summary>Plays the sound once and returns when it has finished.</summary>
    Task PlayAsync(string sound, CancellationToken cancellationToken);
}
