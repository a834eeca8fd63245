using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Logging;
using Willow.Core.Security;

namespace Willow.Agent.Security;

/// <summary>
/// Refuses every <c>/api</c> request that is not signed with the home's key, is older than the allowed
/// skew, or repeats a nonce. Health endpoints stay open so that discovery can probe them.
/// </summary>
public sealed class SignedRequestMiddleware(RequestDelegate next, HomeKeyring keyring, NonceCache nonces, TimeProvider time, ILogger<SignedRequestMiddleware> logger)
{
    private const int MaxSignedBody = 256 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var refusal = await CheckAsync(context);
        if (refusal is { } refused)
        {
            SecurityLog.Refused(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", refused.Reason);
            await Results.Problem(
                title: refused.Status == StatusCodes.Status413PayloadTooLarge ? "The request body is too large" : "Request not signed by this home's gateway",
                detail: refused.Reason,
                statusCode: refused.Status).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private async Task<(string Reason, int Status)?> CheckAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var timestampText = headers[RequestSignature.TimestampHeader].ToString();
        var nonce = headers[RequestSignature.NonceHeader].ToString();
        var signature = headers[RequestSignature.SignatureHeader].ToString();
        if (timestampText.Length == 0 || nonce.Length == 0 || signature.Length == 0)
        {
            return ("The request carries no signature.", StatusCodes.Status401Unauthorized);
        }

        if (!long.TryParse(timestampText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp))
        {
            return ("The signature timestamp is not a number of seconds.", StatusCodes.Status401Unauthorized);
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, -62135596800L, 253402300799L));
        if (age.Duration() > RequestSignature.MaxSkew)
        {
            return ($"The signature is stale: its timestamp is {age.TotalSeconds:0} s from this agent's clock (at most {RequestSignature.MaxSkew.TotalSeconds:0} s).", StatusCodes.Status401Unauthorized);
        }

        if (nonce.Length is < 16 or > 64)
        {
            return ("The nonce must be 16 to 64 characters.", StatusCodes.Status401Unauthorized);
        }

        // An endpoint that takes larger bodies (a sound upload) says so with its size limit; the rest stay small.
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxSignedBody;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server && server.MaxRequestBodySize < limit)
        {
            server.MaxRequestBodySize = limit;
        }

        var body = await ReadBodyAsync(context.Request, limit);
        if (body is null)
        {
            return ($"The body is larger than the {limit / 1024} KB this endpoint takes.", StatusCodes.Status413PayloadTooLarge);
        }

        var expected = RequestSignature.Compute(
            keyring.Key, context.Request.Method, context.Request.Path + context.Request.QueryString, timestamp, nonce, body);
        if (!RequestSignature.Matches(expected, signature))
        {
            return ("The signature does not match: wrong key, or the request was altered.", StatusCodes.Status401Unauthorized);
        }

        return nonces.TryRemember(nonce) ? null : ("The nonce was used before: a replayed request.", StatusCodes.Status401Unauthorized);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        request.EnableBuffering(MaxSignedBody);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return buffer.Length > limit ? null : buffer.ToArray();
    }
}
