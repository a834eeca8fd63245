using Microsoft.AspNetCore.Antiforgery;

namespace Willow.Hub.Access;

/// <summary>
/// A cookie is sent by the browser whoever made the page, so a write authorised by the session cookie must
/// also carry the antiforgery token from <c>GET /api/v1/account/antiforgery</c> in <c>X-XSRF-TOKEN</c>.
/// Requests with a bearer token are not ambient and need none.
/// </summary>
public sealed class CookieWriteProtection(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context)
    {
        var unsafeMethod = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
        var byCookie = context.User.Identity?.AuthenticationType == SessionCookie.SchemeName;
        if (byCookie && context.Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal))
        {
            // The live feed only reads, and its client cannot add a header to the WebSocket upgrade: instead
            // of the token it must come from a page of this hub (SameSite=Lax keeps other sites' requests
            // cookieless already; the Origin check also covers old browsers).
            if (!SameOrigin(context.Request))
            {
                await Results.Problem(
                    title: "Cross-site request refused",
                    detail: "The live feed answers pages of this hub only.",
                    statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }

            await next(context);
            return;
        }

        if (unsafeMethod && byCookie && !await antiforgery.IsRequestValidAsync(context))
        {
            await Results.Problem(
                title: "Missing or wrong antiforgery token",
                detail: $"A write signed in with the session cookie needs the token from GET /api/v1/account/antiforgery in the {HeaderName} header.",
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>Host and port only: behind a TLS proxy the hub itself sees http.</summary>
    private static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
