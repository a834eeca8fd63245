namespace Willow.Agent.Capabilities.Camera;

/// <summary>
/// A camera: photos and a live view. The real driver captures a V4L2 device through ffmpeg; the simulated
/// twin is the same code with ffmpeg's test picture as its input.
/// </summary>
public interface ICamera
{
    /// <summary>
    /// Takes one JPEG. While the live view runs, this is its next frame, because a V4L2 device opens only once.
    /// </summary>
    /// <exception cref="CameraFaultException">The camera gave no picture; the message says why.</exception>
    Task<byte[]> TakePhotoAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Joins the live view. The first viewer starts the capture; it stops shortly after the last viewer
    /// leaves (disposes its <see cref="CameraViewer"/>).
    /// </summary>
    CameraViewer Watch();
}
