namespace Willow.Hub.Access;

/// <summary>
/// Headers every answer carries: no sniffing, no framing, no referrer; and for the dashboard's pages a
/// content security policy that allows only the hub itself. (The API reference at /docs keeps its own
/// inline bootstrap script, so it is left out of the policy.)
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api", StringComparison.Ordinal) && !path.StartsWithSegments("/docs", StringComparison.Ordinal)
            && !path.StartsWithSegments("/hubs", StringComparison.Ordinal) && !path.StartsWithSegments("/openapi", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'";
        }

        return next(context);
    }
}
