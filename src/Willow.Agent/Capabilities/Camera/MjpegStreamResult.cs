using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Willow.Agent.Capabilities.Camera;

/// <summary>
/// The live view as MJPEG over HTTP: <c>multipart/x-mixed-replace</c>, one JPEG per part, each with its
/// length, until the viewer goes away or the capture ends. Browsers show it in an <c>img</c> element.
/// </summary>
public sealed class MjpegStreamResult : IResult, IEndpointMetadataProvider
{
    public const string Boundary = "willow-frame";
    public const string ContentType = "multipart/x-mixed-replace; boundary=" + Boundary;

    private readonly CameraViewer _viewer;
    private readonly CameraFrame _first;
    private readonly CancellationToken _stopping;

    /// <summary>Takes ownership of <paramref name="viewer"/>, which leaves the live view when the stream ends.</summary>
    public MjpegStreamResult(CameraViewer viewer, CameraFrame first, CancellationToken stopping)
    {
        _viewer = viewer;
        _first = first;
        _stopping = stopping;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void), ["multipart/x-mixed-replace"]));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, _stopping);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, no-store";
        try
        {
            var frame = _first;
            while (frame is not null)
            {
                await WritePartAsync(response.Body, frame.Jpeg, ending.Token);
                frame = await _viewer.NextFrameAsync(ending.Token);
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The viewer went away, or the agent is stopping.
        }
        catch (IOException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            _viewer.Dispose();
        }
    }

    private static async Task WritePartAsync(Stream body, ReadOnlyMemory<byte> jpeg, CancellationToken cancellationToken)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n"));
        await body.WriteAsync(header, cancellationToken);
        await body.WriteAsync(jpeg, cancellationToken);
        await body.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        await body.FlushAsync(cancellationToken);
    }
}
