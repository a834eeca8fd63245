using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Willow.Core.Media;
using Willow.Hosting;
using Willow.Hub.Access;
using Willow.Hub.Devices;
using Willow.Hub.Live;

namespace Willow.Hub.Photos;

/// <summary>
/// <c>PUT /api/v1/gateway/photos/{photoId}</c>: a gateway sends up a photo one of its cameras took (the id is the
/// snapshot command's). Sending it again is harmless: the hub keeps it once.
/// </summary>
public static class PhotoUploadEndpoints
{
    public static RouteGroupBuilder MapPhotoUploads(this RouteGroupBuilder gateway)
    {
        gateway.MapPut("/photos/{photoId:guid}", UploadPhoto)
            .WithName("UploadPhoto")
            .WithTags("Gateway")
            .WithSummary("A gateway sends a camera's photo (the body, image/jpeg) with its device, when it was taken and the dose it followed.");

        // No .Accepts("image/jpeg"): it would make routing skip the endpoint for another content type, and the
        // caller would get the page fallback's 404 instead of this endpoint's 401/403/415.
        return gateway;
    }

    public static async Task<Results<Created<PhotoView>, Ok<PhotoView>, ValidationProblem, ProblemHttpResult>> UploadPhoto(
        Guid photoId,
        string? deviceId,
        DateTimeOffset? takenAt,
        Guid? doseId,
        HttpContext context,
        IDeviceStore devices,
        IPhotoStore photos,
        LiveUpdates live,
        Telemetry.HubMetrics metrics,
        IOptions<PhotoOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var householdId = context.User.SingleHousehold();
        var gatewayId = context.User.RequiredValue(WillowClaims.GatewayId);
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(deviceId))
        {
            errors["deviceId"] = ["deviceId is required: the camera that took the photo."];
        }

        if (takenAt is null || takenAt > now.AddDays(1))
        {
            errors["takenAt"] = ["takenAt is required, and not more than a day ahead of the hub's clock."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!string.Equals(context.Request.ContentType, "image/jpeg", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(title: "A photo is image/jpeg", detail: $"The body was '{context.Request.ContentType ?? "untyped"}'.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var logger = loggers.CreateLogger(typeof(PhotoUploadEndpoints).FullName!);
        var device = await devices.GetAsync(householdId, deviceId!, cancellationToken);
        if (device?.GatewayId != gatewayId)
        {
            PhotoLog.NotItsDevice(logger, gatewayId, deviceId!);
            return DeviceProblems.NotFound(deviceId!);
        }

        var jpeg = await RequestBody.ReadAsync(context.Request, options.Value.MaxBytes, cancellationToken);
        if (jpeg is null)
        {
            return TypedResults.Problem(title: "The photo is too large", detail: $"At most {options.Value.MaxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (!JpegImage.TryReadSize(jpeg, out var width, out var height))
        {
            return TypedResults.Problem(title: "Not a JPEG", detail: "The body has no JPEG frame header.", statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var photo = new Photo(photoId, householdId, deviceId!, doseId, takenAt!.Value, width, height, jpeg.Length);
        var isNew = await photos.SaveAsync(photo, jpeg, now - options.Value.Retention, cancellationToken);
        var stored = await photos.GetAsync(householdId, photoId, cancellationToken) ?? photo;
        if (!isNew)
        {
            return TypedResults.Ok(PhotoView.From(stored));
        }

        PhotoLog.Received(logger, gatewayId, photoId, deviceId!, width, height, jpeg.Length, doseId);
        metrics.PhotoKept();
        await live.PhotoAddedAsync(PhotoView.From(stored), householdId);
        return TypedResults.Created(PhotoView.From(stored).Url, PhotoView.From(stored));
    }
}
