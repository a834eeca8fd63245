using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Willow.Core.Protocol;

namespace Willow.Agent.Capabilities.Camera;

/// <summary>The camera's part of the agent's LAN API: photos by command id and the live view. Signed like the rest of <c>/api</c>.</summary>
public static class CameraEndpoints
{
    public static RouteGroupBuilder MapCamera(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/").WithTags("Camera");
        group.MapGet(AgentRoutes.Photos + "/{commandId:guid}", GetPhoto)
            .WithName("GetPhoto")
            .WithSummary("The JPEG a snapshot command took.");
        group.MapGet(AgentRoutes.CameraStream, WatchAsync)
            .WithName("WatchCamera")
            .WithSummary("The live view: multipart/x-mixed-replace, one JPEG per part (MJPEG). One capture serves every viewer.");
        return group;
    }

    public static Results<PhysicalFileHttpResult, ProblemHttpResult> GetPhoto(Guid commandId, PhotoAlbum album) =>
        album.Find(commandId) is { } path
            ? TypedResults.PhysicalFile(path, "image/jpeg")
            : TypedResults.Problem(
                title: "No such photo",
                detail: $"This agent has no photo for command {commandId}: it took none, or it was removed as old.",
                statusCode: StatusCodes.Status404NotFound);

    /// <summary>Waits for the first frame before answering, so that a camera that cannot capture answers 503, not an empty stream.</summary>
    public static async Task<Results<MjpegStreamResult, ProblemHttpResult>> WatchAsync(
        ICamera camera, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var viewer = camera.Watch();
        CameraFrame? first = null;
        try
        {
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            first = await viewer.NextFrameAsync(ending.Token);
        }
        catch (OperationCanceledException)
        {
        }

        if (first is null)
        {
            var reason = viewer.EndReason;
            viewer.Dispose();
            return TypedResults.Problem(
                title: "The camera gave no picture",
                detail: reason ?? "The capture ended before its first frame.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return new MjpegStreamResult(viewer, first, lifetime.ApplicationStopping);
    }
}
