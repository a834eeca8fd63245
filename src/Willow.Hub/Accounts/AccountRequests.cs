using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Willow.Hub.Households;

namespace Willow.Hub.Accounts;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SignUpRequest
{
    [Required(ErrorMessage = "email is required.")]
    public string? Email { get; init; }

    [Required(ErrorMessage = "password is required.")]
    public string? Password { get; init; }

    [Required(ErrorMessage = "displayName is required.")]
    [StringLength(60, MinimumLength = 1, ErrorMessage = "displayName must be 1 to 60 characters.")]
    public string? DisplayName { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LoginRequest
{
    [Required(ErrorMessage = "email is required.")]
    [StringLength(254)]
    public string? Email { get; init; }

    [Required(ErrorMessage = "password is required.")]
    [StringLength(Passwords.MaxLength)]
    public string? Password { get; init; }
}

/// <summary>Sign in and get a personal access token in one step (the CLI's <c>willow login</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TokenLoginRequest
{
    [Required(ErrorMessage = "email is required.")]
    [StringLength(254)]
    public string? Email { get; init; }

    [Required(ErrorMessage = "password is required.")]
    [StringLength(Passwords.MaxLength)]
    public string? Password { get; init; }

    [Required(ErrorMessage = "name is required: what the token is for, e.g. \"laptop CLI\".")]
    [StringLength(60, MinimumLength = 1, ErrorMessage = "name must be 1 to 60 characters.")]
    public string? Name { get; init; }

    [Range(1, 3650, ErrorMessage = "expiresInDays must be from 1 to 3650.")]
    public int? ExpiresInDays { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateTokenRequest
{
    [Required(ErrorMessage = "name is required: what the token is for, e.g. \"laptop CLI\".")]
    [StringLength(60, MinimumLength = 1, ErrorMessage = "name must be 1 to 60 characters.")]
    public string? Name { get; init; }

    /// <summary>Days until it stops working (default 90; at most ten years).</summary>
    [Range(1, 3650, ErrorMessage = "expiresInDays must be from 1 to 3650.")]
    public int? ExpiresInDays { get; init; }
}

/// <summary>Who is signed in, and their households.</summary>
public sealed record AccountView(Guid Id, string Email, string DisplayName, IReadOnlyList<MembershipView> Households);

public sealed record MembershipView(Guid HouseholdId, string HouseholdName, HouseholdRole Role, DateTimeOffset? EndsAt);

/// <summary>A token as listed: never its secret.</summary>
public sealed record AccessTokenView(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static AccessTokenView From(AccessToken token) => new(token.Id, token.Name, token.CreatedAt, token.ExpiresAt, token.LastUsedAt, token.RevokedAt);
}

/// <summary>A new token: <see cref="Token"/> is shown this once and never again.</summary>
public sealed record NewAccessToken(Guid Id, string Name, string Token, DateTimeOffset? ExpiresAt);

public sealed record AntiforgeryView(string Token, string HeaderName);
