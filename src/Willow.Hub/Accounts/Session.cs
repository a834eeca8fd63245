namespace Willow.Hub.Accounts;

/// <summary>A signed-in browser. The cookie names the session; logging out revokes it on the server.</summary>
public sealed record Session(Guid Id, Guid UserId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
