using System.Globalization;
using Microsoft.AspNetCore.Http;
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
        if (refusal is not null)
        {
            SecurityLog.Refused(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", refusal);
            await Results.Problem(
                title: "Request not signed by this home's gateway",
                detail: refusal,
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private async Task<string?> CheckAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var timestampText = headers[RequestSignature.TimestampHeader].ToString();
        var nonce = headers[RequestSignature.NonceHeader].ToString();
        var signature = headers[RequestSignature.SignatureHeader].ToString();
        if (timestampText.Length == 0 || nonce.Length == 0 || signature.Length == 0)
        {
            return "The request carries no signature.";
        }

        if (!long.TryParse(timestampText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp))
        {
            return "The signature timestamp is not a number of seconds.";
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, -62135596800L, 253402300799L));
        if (age.Duration() > RequestSignature.MaxSkew)
        {
            return $"The signature is stale: its timestamp is {age.TotalSeconds:0} s from this agent's clock (at most {RequestSignature.MaxSkew.TotalSeconds:0} s).";
        }

        if (nonce.Length is < 16 or > 64)
        {
            return "The nonce must be 16 to 64 characters.";
        }

        var body = await ReadBodyAsync(context.Request);
        if (body is null)
        {
            return "The body is too large to be signed.";
        }

        var expected = RequestSignature.Compute(
            keyring.Key, context.Request.Method, context.Request.Path + context.Request.QueryString, timestamp, nonce, body);
        if (!RequestSignature.Matches(expected, signature))
        {
            return "The signature does not match: wrong key, or the request was altered.";
        }

        return nonces.TryRemember(nonce) ? null : "The nonce was used before: a replayed request.";
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxSignedBody)
        {
            return null;
        }

        request.EnableBuffering(MaxSignedBody);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return buffer.Length > MaxSignedBody ? null : buffer.ToArray();
    }
}
