namespace Willow.Agent.Capabilities.Speaker;

/// <summary>A WAV file to play: a sound from the library by its name, or speech with the <see cref="Text"/> it says.</summary>
public sealed record SoundClip(string Name, string Path, string? Text = null)
{
    /// <summary>The name a spoken call plays under.</summary>
    public const string SpeechName = "speech";
}
