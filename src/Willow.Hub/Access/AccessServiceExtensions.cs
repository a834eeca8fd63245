using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Willow.Hub.Access;

public static class AccessServiceExtensions
{
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapValidation>();
        builder.Services.AddSingleton<TokenDirectory>();
        builder.Services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Person, p => p.RequireAuthenticatedUser().RequireClaim(WillowClaims.Kind, AccessPolicies.Person))
            .AddPolicy(AccessPolicies.Gateway, p => p.RequireAuthenticatedUser().RequireClaim(WillowClaims.Kind, AccessPolicies.Gateway))
            .AddPolicy(AccessPolicies.Device, p => p.RequireAuthenticatedUser().RequireClaim(WillowClaims.Kind, AccessPolicies.Device))
            // Every endpoint needs a token unless it says otherwise (health).
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
