using System.Security.Claims;

namespace Willow.Hub.Access;

/// <summary>The claims a Willow token carries, and how endpoints read them.</summary>
public static class WillowClaims
{
    public const string Kind = "willow:kind";
    public const string Household = "willow:household";
    public const string GatewayId = "willow:gateway";
    public const string DeviceId = "willow:device";

    public static IReadOnlyCollection<Guid> HouseholdIds(this ClaimsPrincipal user) =>
        [.. user.FindAll(Household).Select(c => Guid.Parse(c.Value))];

    public static bool BelongsTo(this ClaimsPrincipal user, Guid householdId) =>
        user.HasClaim(Household, householdId.ToString());

    /// <summary>How the caller is named in a command's <c>issuedBy</c> and in logs.</summary>
    public static string CallerName(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    /// <summary>The single household of a gateway or device token.</summary>
    public static Guid SingleHousehold(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(Household)!);

    public static string RequiredValue(this ClaimsPrincipal user, string type) =>
        user.FindFirstValue(type) ?? throw new InvalidOperationException($"The token carries no {type} claim.");
}
