namespace Willow.Hub.Accounts;

/// <summary>Where people, their sessions and their access tokens are kept.</summary>
public interface IAccountStore
{
    /// <summary>False if the e-mail address is taken.</summary>
    Task<bool> CreateUserAsync(User user, CancellationToken cancellationToken);

    Task<User?> GetUserAsync(Guid userId, CancellationToken cancellationToken);

    Task<User?> FindUserByEmailAsync(string email, CancellationToken cancellationToken);

    Task UpdatePasswordHashAsync(Guid userId, string passwordHash, CancellationToken cancellationToken);

    Task CreateSessionAsync(Session session, CancellationToken cancellationToken);

    Task<Session?> GetSessionAsync(Guid sessionId, CancellationToken cancellationToken);

    Task RevokeSessionAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken);

    Task CreateTokenAsync(AccessToken token, string tokenHash, CancellationToken cancellationToken);

    /// <summary>The token with this hash and its owner, valid or not (the caller checks).</summary>
    Task<(AccessToken Token, User User)?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccessToken>> ListTokensAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>False if the user has no such token.</summary>
    Task<bool> RevokeTokenAsync(Guid userId, Guid tokenId, DateTimeOffset at, CancellationToken cancellationToken);

    Task TouchTokenAsync(Guid tokenId, DateTimeOffset at, CancellationToken cancellationToken);
}
