using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Willow.Hosting;

/// <summary>Reads a raw body (a photo, a sound) up to a limit of its own, above the server's 1 MB for everything else.</summary>
public static class RequestBody
{
    /// <summary>The whole body, or null when it is longer than <paramref name="max"/> (nothing past the limit is read).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var read = await request.BodyReader.ReadAsync(cancellationToken);
            foreach (var segment in read.Buffer)
            {
                if (buffer.WrittenCount + segment.Length > max)
                {
                    return null;
                }

                buffer.Write(segment.Span);
            }

            request.BodyReader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return buffer.WrittenSpan.ToArray();
            }
        }
    }
}
