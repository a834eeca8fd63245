using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Willow.Hub.Access;

/// <summary>
/// Bearer tokens in the <c>Authorization</c> header; for the SignalR hubs also the <c>access_token</c>
/// query parameter, because browsers cannot set headers on a WebSocket.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    Credentials credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "WillowToken";

    public static bool HasToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal) && request.Query.ContainsKey("access_token"));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadToken();
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await credentials.ResolveAsync(presented, SchemeName, Context.RequestAborted);
        return identity is null
            ? AuthenticateResult.Fail("The token is not known to this hub, or was revoked, or expired.")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) => await AccessProblems.Unauthorized(Context);

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) => await AccessProblems.Forbidden(Context);

    private string? ReadToken()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        if (Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal) &&
            Request.Query.TryGetValue("access_token", out var queryToken) && !string.IsNullOrEmpty(queryToken))
        {
            return queryToken.ToString();
        }

        return null;
    }
}
