namespace Willow.Core.Commands;

/// <summary>Arguments of a <c>call</c>: which sound from the speaker's library, how many times.</summary>
public sealed record CallArgs(string Sound, int Repeat)
{
    public const string DefaultSound = "call";
}
