using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Hub.Access;
using Willow.Hub.Devices;
using Willow.Hub.Gateways;
using Willow.Hub.Households;

namespace Willow.Hub.Camera;

/// <summary>
/// <c>GET /api/v1/households/{householdId}/devices/{deviceId}/camera/live</c>: a camera's live view as MJPEG
/// (<c>multipart/x-mixed-replace</c>, which an <c>img</c> element shows), relayed from the home: the hub asks the
/// gateway to stream the camera's frames over its WebSocket, since nothing at home accepts a connection.
/// </summary>
public static class LiveViewEndpoints
{
    public const string Boundary = "willow-frame";

    public static RouteGroupBuilder MapLiveView(this RouteGroupBuilder household)
    {
        household.MapGet("/devices/{deviceId}/camera/live", WatchCamera).Requires(HouseholdRole.Viewer)
            .WithName("WatchCamera")
            .WithTags("Camera")
            .WithSummary("The camera's live view (MJPEG: multipart/x-mixed-replace of JPEG frames) for a few minutes. Needs the home online.");
        return household;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> WatchCamera(
        Guid householdId,
        string deviceId,
        HttpContext context,
        IDeviceStore devices,
        GatewayCalls gateways,
        LiveViews views,
        IOptions<LiveViewOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(householdId, deviceId, cancellationToken);
        if (device is null || !device.Capabilities.Contains(Capability.Camera))
        {
            return TypedResults.Problem(title: "Camera not found", detail: $"This household has no camera '{deviceId}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var (client, unreachable) = await gateways.ReachAsync(device, cancellationToken);
        if (client is null)
        {
            return TypedResults.Problem(title: "The home is offline", detail: unreachable, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var settings = options.Value;
        var logger = loggers.CreateLogger(typeof(LiveViewEndpoints).FullName!);
        var streamId = Guid.CreateVersion7(time.GetUtcNow());
        var frames = views.Open(streamId);
        try
        {
            string? refused;
            using (var within = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                within.CancelAfter(GatewayCalls.AnswerWithin);
                try
                {
                    refused = await client.StartCameraStream(new CameraStreamRequest(streamId, deviceId, settings.MaxDuration), within.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException or HubException && !cancellationToken.IsCancellationRequested)
                {
                    refused = $"The gateway did not answer ({ex.Message}).";
                }
            }

            if (refused is not null)
            {
                return TypedResults.Problem(title: "The camera cannot stream", detail: refused, statusCode: StatusCodes.Status502BadGateway);
            }

            byte[] first;
            using (var firstFrame = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                firstFrame.CancelAfter(settings.FirstFrameWithin);
                try
                {
                    first = await frames.ReadAsync(firstFrame.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException && !cancellationToken.IsCancellationRequested)
                {
                    _ = StopAsync(client, streamId);
                    return TypedResults.Problem(
                        title: "The camera sent no picture",
                        detail: $"No frame arrived within {settings.FirstFrameWithin.TotalSeconds:0} s. Is the camera plugged in?",
                        statusCode: StatusCodes.Status504GatewayTimeout);
                }
            }

            LiveViewLog.Started(logger, deviceId, streamId);
            var sent = await WriteAsync(context.Response, first, frames, time, settings.MaxDuration, cancellationToken);
            LiveViewLog.Ended(logger, deviceId, streamId, sent);
            _ = StopAsync(client, streamId);
            return TypedResults.Empty;
        }
        finally
        {
            views.Close(streamId);
        }
    }

    /// <summary>Writes frames as MJPEG parts until the viewer leaves, the stream ends, or the time is up; returns how many.</summary>
    private static async Task<int> WriteAsync(
        HttpResponse response, byte[] first, System.Threading.Channels.ChannelReader<byte[]> frames, TimeProvider time, TimeSpan maxDuration, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        response.Headers.CacheControl = "no-cache, no-store";
        using var until = new CancellationTokenSource(maxDuration, time);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, until.Token);
        var sent = 0;
        try
        {
            var frame = first;
            while (true)
            {
                var header = Encoding.ASCII.GetBytes(string.Create(
                    CultureInfo.InvariantCulture, $"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Length}\r\n\r\n"));
                await response.Body.WriteAsync(header, ending.Token);
                await response.Body.WriteAsync(frame, ending.Token);
                await response.Body.WriteAsync("\r\n"u8.ToArray(), ending.Token);
                await response.Body.FlushAsync(ending.Token);
                sent++;
                frame = await frames.ReadAsync(ending.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or System.Threading.Channels.ChannelClosedException)
        {
            // The viewer left, the time is up, or the camera's stream ended.
        }

        return sent;
    }

    /// <summary>Tells the gateway to stop; it stops by itself at the stream's end time if this does not reach it.</summary>
    private static async Task StopAsync(IGatewayClient client, Guid streamId)
    {
        try
        {
            await client.StopCameraStream(streamId);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or HubException)
        {
        }
    }
}
