namespace Willow.Agent.Capabilities.Speaker;

/// <summary>A sound could not be played or spoken; the message says why, for the command's detail.</summary>
public sealed class SoundNotPlayedException : Exception
{
    public SoundNotPlayedException()
        : base("The sound could not be played.")
    {
    }

    public SoundNotPlayedException(string message)
        : base(message)
    {
    }

    public SoundNotPlayedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
