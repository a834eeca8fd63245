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
        if (unsafeMethod && context.User.Identity?.AuthenticationType == SessionCookie.SchemeName && !await antiforgery.IsRequestValidAsync(context))
        {
            await Results.Problem(
                title: "Missing or wrong antiforgery token",
                detail: $"A write signed in with the session cookie needs the token from GET /api/v1/account/antiforgery in the {HeaderName} header.",
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
