namespace Willow.Hub.Accounts;

/// <summary>A personal access token for the API and the CLI. The secret is shown once and stored as a hash.</summary>
public sealed record AccessToken(Guid Id, Guid UserId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
