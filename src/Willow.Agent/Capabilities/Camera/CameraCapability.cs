using Microsoft.Extensions.Logging;
using Willow.Core.Commands;
using Willow.Core.Media;
using Willow.Core.Protocol;

namespace Willow.Agent.Capabilities.Camera;

/// <summary>
/// Takes a photo for a <c>snapshot</c> command and keeps it under the command's id, for the gateway to fetch
/// (<c>GET /api/v1/photos/{commandId}</c>) and keep with the dose it followed.
/// </summary>
public sealed class CameraCapability(ICamera camera, PhotoAlbum album, ILogger<CameraCapability> logger) : ICapability
{
    public string Name => Capability.Camera;

    public string? Refuse(ActuationRequest request) => null;

    public async Task<CapabilityResult> ExecuteAsync(ActuationRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind != CommandKinds.Snapshot)
        {
            throw new ArgumentException($"The camera cannot '{request.Kind}'.", nameof(request));
        }

        byte[] jpeg;
        try
        {
            jpeg = await camera.TakePhotoAsync(cancellationToken);
        }
        catch (CameraFaultException ex)
        {
            // Nothing moved and nothing was kept: a plain failure, not an uncertain outcome.
            CameraLog.PhotoFailed(logger, request.CommandId, ex.Message);
            return CapabilityResult.Failed(ex.Message);
        }

        if (!JpegImage.TryReadSize(jpeg, out var width, out var height))
        {
            CameraLog.PhotoFailed(logger, request.CommandId, "not a JPEG");
            return CapabilityResult.Failed("The camera sent something that is not a JPEG picture.");
        }

        album.Save(request.CommandId, jpeg);
        CameraLog.PhotoTaken(logger, request.CommandId, width, height, jpeg.Length);
        if (album.Prune() is > 0 and var removed)
        {
            CameraLog.PhotosRemoved(logger, removed);
        }

        return CapabilityResult.Succeeded($"Took a {width}×{height} photo ({Kilobytes(jpeg.Length)} KB).");
    }

    private static int Kilobytes(int bytes) => Math.Max(1, (int)Math.Round(bytes / 1024.0));
}
