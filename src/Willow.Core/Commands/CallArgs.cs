namespace Willow.Core.Commands;

/// <summary>
/// Arguments of a <c>call</c>: a sound from the speaker's library, or <see cref="Text"/> to speak (the pet's
/// name, say), and how many times.
/// </summary>
public sealed record CallArgs(string Sound, int Repeat, string? Text = null)
{
    public const string DefaultSound = "call";

    public const int MaxTextLength = 200;
}
