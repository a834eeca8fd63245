namespace Willow.Agent.Capabilities.Camera;

/// <summary>The camera gave no picture: no device, a busy device, ffmpeg missing or failing, or a timeout.</summary>
public sealed class CameraFaultException : Exception
{
    public CameraFaultException()
        : base("The camera gave no picture.")
    {
    }

    public CameraFaultException(string message)
        : base(message)
    {
    }

    public CameraFaultException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
