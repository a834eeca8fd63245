using StackExchange.Redis;
using Willow.Hub.Accounts;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// People, sessions and access tokens in Redis. E-mail addresses and token hashes are unique through hashes
/// that map them to ids, claimed in the same transaction as the record. A session's key expires (by Redis's
/// clock, an hour late) when the session does.
/// </summary>
public sealed class RedisAccountStore(RedisStorage redis) : IAccountStore
{
    private IDatabase Db => redis.Database;

    internal static RedisKey UserKey(RedisStorage redis, Guid userId) => redis.Key($"user:{userId}");

    private RedisKey Emails => redis.Key("user-emails");

    private RedisKey Session(Guid sessionId) => redis.Key($"session:{sessionId}");

    private RedisKey Token(Guid tokenId) => redis.Key($"access-token:{tokenId}");

    private RedisKey UserTokens(Guid userId) => redis.Key($"user:{userId}:access-tokens");

    private RedisKey TokenIndex => redis.Key("access-token-hashes");

    public async Task<bool> CreateUserAsync(User user, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.HashNotExists(Emails, user.Email));
        transaction.AddCondition(Condition.KeyNotExists(UserKey(redis, user.Id)));
        _ = transaction.HashSetAsync(Emails, user.Email, user.Id.ToString());
        _ = transaction.HashSetAsync(UserKey(redis, user.Id), new HashFields()
            .Add("email", user.Email).Add("displayName", user.DisplayName).Add("passwordHash", user.PasswordHash).Add("createdAt", user.CreatedAt).ToArray());
        return await transaction.ExecuteAsync();
    }

    public async Task<User?> GetUserAsync(Guid userId, CancellationToken cancellationToken) =>
        ReadUser(userId, StoredHash.From(await Db.HashGetAllAsync(UserKey(redis, userId))));

    public async Task<User?> FindUserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var id = await Db.HashGetAsync(Emails, email);
        return id.IsNull ? null : await GetUserAsync(Guid.Parse(id.ToString()), cancellationToken);
    }

    public async Task UpdatePasswordHashAsync(Guid userId, string passwordHash, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyExists(UserKey(redis, userId)));
        _ = transaction.HashSetAsync(UserKey(redis, userId), "passwordHash", passwordHash);
        await transaction.ExecuteAsync();
    }

    public async Task CreateSessionAsync(Session session, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(Session(session.Id), new HashFields()
            .Add("user", session.UserId).Add("createdAt", session.CreatedAt).Add("expiresAt", session.ExpiresAt).ToArray());
        // Gone an hour after it expires (the store still checks the expiry; Redis counts by its own clock).
        _ = transaction.KeyExpireAsync(Session(session.Id), session.ExpiresAt - session.CreatedAt + TimeSpan.FromHours(1));
        await transaction.ExecuteAsync();
    }

    public async Task<Session?> GetSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        StoredHash.From(await Db.HashGetAllAsync(Session(sessionId))) is { } hash
            ? new Session(sessionId, hash.Guid("user"), hash.Time("createdAt"), hash.Time("expiresAt"), hash.NullableTime("revokedAt"))
            : null;

    public async Task RevokeSessionAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyExists(Session(sessionId)));
        _ = transaction.HashSetAsync(Session(sessionId), "revokedAt", at.ToUnixMs(), When.NotExists);
        await transaction.ExecuteAsync();
    }

    public async Task CreateTokenAsync(AccessToken token, string tokenHash, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.HashNotExists(TokenIndex, tokenHash));
        _ = transaction.HashSetAsync(TokenIndex, tokenHash, token.Id.ToString());
        _ = transaction.HashSetAsync(Token(token.Id), new HashFields()
            .Add("user", token.UserId).Add("name", token.Name).Add("createdAt", token.CreatedAt).Add("expiresAt", token.ExpiresAt).ToArray());
        _ = transaction.SortedSetAddAsync(UserTokens(token.UserId), token.Id.ToString(), token.CreatedAt.ToUnixMs());
        if (!await transaction.ExecuteAsync())
        {
            throw new InvalidOperationException("An access token with this hash exists already.");
        }
    }

    public async Task<(AccessToken Token, User User)?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var id = await Db.HashGetAsync(TokenIndex, tokenHash);
        if (id.IsNull || await LoadTokenAsync(Guid.Parse(id.ToString())) is not { } token || await GetUserAsync(token.UserId, cancellationToken) is not { } user)
        {
            return null;
        }

        return (token, user);
    }

    public async Task<IReadOnlyList<AccessToken>> ListTokensAsync(Guid userId, CancellationToken cancellationToken)
    {
        var ids = await Db.SortedSetRangeByRankAsync(UserTokens(userId));
        var tokens = await Task.WhenAll(ids.Select(id => LoadTokenAsync(Guid.Parse(id.ToString()))));
        return [.. tokens.OfType<AccessToken>()];
    }

    public Task<bool> RevokeTokenAsync(Guid userId, Guid tokenId, DateTimeOffset at, CancellationToken cancellationToken) =>
        redis.TransactAsync(
            async transaction =>
            {
                var token = await LoadTokenAsync(tokenId);
                if (token is null || token.UserId != userId)
                {
                    return false;
                }

                _ = transaction.HashSetAsync(Token(tokenId), "revokedAt", at.ToUnixMs(), When.NotExists);
                return true;
            },
            cancellationToken);

    public async Task TouchTokenAsync(Guid tokenId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyExists(Token(tokenId)));
        _ = transaction.HashSetAsync(Token(tokenId), "lastUsedAt", at.ToUnixMs());
        await transaction.ExecuteAsync();
    }

    private async Task<AccessToken?> LoadTokenAsync(Guid tokenId) =>
        StoredHash.From(await Db.HashGetAllAsync(Token(tokenId))) is { } hash
            ? new AccessToken(tokenId, hash.Guid("user"), hash.String("name"), hash.Time("createdAt"), hash.NullableTime("expiresAt"), hash.NullableTime("lastUsedAt"), hash.NullableTime("revokedAt"))
            : null;

    private static User? ReadUser(Guid userId, StoredHash? hash) =>
        hash is null ? null : new User(userId, hash.String("email"), hash.String("displayName"), hash.String("passwordHash"), hash.Time("createdAt"));
}
