namespace Willow.Agent.Capabilities.Speaker;

/// <summary>Plays a WAV file on the speaker. The real driver uses ALSA's <c>aplay</c>; the twin writes what it would have played.</summary>
public interface ISoundPlayer
{
    /// <summary>Plays the clip once and returns when it has finished.</summary>
    /// <exception cref="SoundNotPlayedException">The speaker could not play it; nothing (or only part of it) was heard.</exception>
    Task PlayAsync(SoundClip clip, CancellationToken cancellationToken);
}
