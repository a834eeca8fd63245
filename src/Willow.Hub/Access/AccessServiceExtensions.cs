using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Willow.Hub.Access;

public static class AccessServiceExtensions
{
    public const string DefaultScheme = "Willow";

    /// <summary>Bearer tokens and session cookies, the three kinds of caller, antiforgery and rate limits.</summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Credentials>();
        builder.Services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "Bearer token or session cookie", o =>
                o.ForwardDefaultSelector = context => TokenAuthenticationHandler.HasToken(context.Request) ? TokenAuthenticationHandler.SchemeName : SessionCookie.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddCookie(SessionCookie.SchemeName, SessionCookie.Configure);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Person, p => p.RequireAuthenticatedUser().RequireClaim(WillowClaims.Kind, AccessPolicies.Person))
            .AddPolicy(AccessPolicies.Gateway, p => p.RequireAuthenticatedUser().RequireClaim(WillowClaims.Kind, AccessPolicies.Gateway))
            .AddPolicy(AccessPolicies.Device, p => p.RequireAuthenticatedUser().RequireClaim(WillowClaims.Kind, AccessPolicies.Device))
            // Every endpoint needs a caller unless it says otherwise (health, sign-in, enrolment).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = CookieWriteProtection.HeaderName;
            o.Cookie.Name = "willow_xsrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddWillowRateLimits(builder.Configuration);
        return builder;
    }
}
