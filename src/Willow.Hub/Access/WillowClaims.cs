using System.Security.Claims;

namespace Willow.Hub.Access;

/// <summary>The claims a Willow principal carries, and how endpoints read them.</summary>
public static class WillowClaims
{
    public const string Kind = "willow:kind";
    public const string UserId = "willow:user";
    public const string Household = "willow:household";
    public const string GatewayId = "willow:gateway";
    public const string DeviceId = "willow:device";

    /// <summary>The credential the request came with: <c>session</c>, <c>token:NAME</c>, a gateway's or a device's token.</summary>
    public const string Via = "willow:via";

    public const string SessionId = "willow:session";

    /// <summary>How the caller is named in a command's <c>issuedBy</c>, the audit log and logs.</summary>
    public static string CallerName(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    public static string Credential(this ClaimsPrincipal user) => user.FindFirstValue(Via) ?? "unknown";

    public static Guid? UserIdOrNull(this ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(UserId), out var id) ? id : null;

    public static Guid RequiredUserId(this ClaimsPrincipal user) => user.UserIdOrNull() ?? throw new InvalidOperationException("The caller is not a person.");

    /// <summary>The single household of a gateway or device token.</summary>
    public static Guid SingleHousehold(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(Household)!);

    public static string RequiredValue(this ClaimsPrincipal user, string type) =>
        user.FindFirstValue(type) ?? throw new InvalidOperationException($"The token carries no {type} claim.");

    public static ClaimsIdentity Person(string scheme, Guid userId, string email, string via, Guid? sessionId = null)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, email));
        identity.AddClaim(new Claim(Kind, AccessPolicies.Person));
        identity.AddClaim(new Claim(UserId, userId.ToString()));
        identity.AddClaim(new Claim(Via, via));
        if (sessionId is { } id)
        {
            identity.AddClaim(new Claim(SessionId, id.ToString()));
        }

        return identity;
    }
}
