using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Willow.Hub.Accounts;

namespace Willow.Hub.Access;

/// <summary>
/// The dashboard's cookie. It names a server-side session, checked on every request, so logging out (or
/// an owner removing a member) takes effect at once rather than when the cookie expires.
/// </summary>
public static class SessionCookie
{
    public const string SchemeName = "WillowSession";
    public const string CookieName = "willow_session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = Lifetime;
        options.SlidingExpiration = false;
        options.Events.OnRedirectToLogin = context => AccessProblems.Unauthorized(context.HttpContext);
        options.Events.OnRedirectToAccessDenied = context => AccessProblems.Forbidden(context.HttpContext);
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountStore>();
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var sessionId = Guid.TryParse(context.Principal?.FindFirst(WillowClaims.SessionId)?.Value, out var id) ? id : Guid.Empty;
        var session = await accounts.GetSessionAsync(sessionId, context.HttpContext.RequestAborted);
        if (session is null || !session.IsValidAt(time.GetUtcNow()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
        }
    }
}
