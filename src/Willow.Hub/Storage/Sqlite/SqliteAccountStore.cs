using Microsoft.Data.Sqlite;
using Willow.Hub.Accounts;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteAccountStore(SqliteDatabase database) : IAccountStore
{
    private const string UserColumns = "u.id, u.email, u.display_name, u.password_hash, u.created_at";
    private const string TokenColumns = "t.id AS token_id, t.user_id, t.name, t.created_at AS token_created_at, t.expires_at, t.last_used_at, t.revoked_at";

    public Task<bool> CreateUserAsync(User user, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "INSERT OR IGNORE INTO users (id, email, display_name, password_hash, created_at) VALUES ($id, $email, $name, $hash, $at)",
                transaction,
                ("$id", user.Id.ToString()),
                ("$email", user.Email),
                ("$name", user.DisplayName),
                ("$hash", user.PasswordHash),
                ("$at", user.CreatedAt.ToUnixMs())) == 1,
            cancellationToken);

    public Task<User?> GetUserAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            $"SELECT {UserColumns} FROM users u WHERE u.id = $id", ReadUser, null, ("$id", userId.ToString())).SingleOrDefault()));

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            $"SELECT {UserColumns} FROM users u WHERE u.email = $email", ReadUser, null, ("$email", email)).SingleOrDefault()));

    public Task UpdatePasswordHashAsync(Guid userId, string passwordHash, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE users SET password_hash = $hash WHERE id = $id", transaction, ("$hash", passwordHash), ("$id", userId.ToString())),
            cancellationToken);

    public Task CreateSessionAsync(Session session, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($id, $user, $at, $expires)",
                transaction,
                ("$id", session.Id.ToString()),
                ("$user", session.UserId.ToString()),
                ("$at", session.CreatedAt.ToUnixMs()),
                ("$expires", session.ExpiresAt.ToUnixMs())),
            cancellationToken);

    public Task<Session?> GetSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            "SELECT id, user_id, created_at, expires_at, revoked_at FROM sessions WHERE id = $id",
            r => new Session(
                Guid.Parse(r.GetString("id")),
                Guid.Parse(r.GetString("user_id")),
                UnixTime.FromUnixMs(r.GetInt64("created_at")),
                UnixTime.FromUnixMs(r.GetInt64("expires_at")),
                UnixTime.FromUnixMs(r.GetNullableInt64("revoked_at"))),
            null,
            ("$id", sessionId.ToString())).SingleOrDefault()));

    public Task RevokeSessionAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE sessions SET revoked_at = COALESCE(revoked_at, $at) WHERE id = $id", transaction, ("$at", at.ToUnixMs()), ("$id", sessionId.ToString())),
            cancellationToken);

    public Task CreateTokenAsync(AccessToken token, string tokenHash, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "INSERT INTO access_tokens (id, user_id, name, token_hash, created_at, expires_at) VALUES ($id, $user, $name, $hash, $at, $expires)",
                transaction,
                ("$id", token.Id.ToString()),
                ("$user", token.UserId.ToString()),
                ("$name", token.Name),
                ("$hash", tokenHash),
                ("$at", token.CreatedAt.ToUnixMs()),
                ("$expires", token.ExpiresAt.ToUnixMs())),
            cancellationToken);

    public Task<(AccessToken Token, User User)?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            $"SELECT {TokenColumns}, {UserColumns} FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $hash",
            r => ((AccessToken Token, User User)?)(ReadToken(r), ReadUser(r)),
            null,
            ("$hash", tokenHash)).SingleOrDefault()));

    public Task<IReadOnlyList<AccessToken>> ListTokensAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccessToken>>(database.Read(connection => connection.Query(
            $"SELECT {TokenColumns} FROM access_tokens t WHERE t.user_id = $user ORDER BY t.created_at", ReadToken, null, ("$user", userId.ToString()))));

    public Task<bool> RevokeTokenAsync(Guid userId, Guid tokenId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE access_tokens SET revoked_at = COALESCE(revoked_at, $at) WHERE id = $id AND user_id = $user",
                transaction,
                ("$at", at.ToUnixMs()),
                ("$id", tokenId.ToString()),
                ("$user", userId.ToString())) == 1,
            cancellationToken);

    public Task TouchTokenAsync(Guid tokenId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE access_tokens SET last_used_at = $at WHERE id = $id", transaction, ("$at", at.ToUnixMs()), ("$id", tokenId.ToString())),
            cancellationToken);

    private static User ReadUser(SqliteDataReader r) => new(
        Guid.Parse(r.GetString("id")),
        r.GetString("email"),
        r.GetString("display_name"),
        r.GetString("password_hash"),
        UnixTime.FromUnixMs(r.GetInt64("created_at")));

    private static AccessToken ReadToken(SqliteDataReader r) => new(
        Guid.Parse(r.GetString("token_id")),
        Guid.Parse(r.GetString("user_id")),
        r.GetString("name"),
        UnixTime.FromUnixMs(r.GetInt64("token_created_at")),
        UnixTime.FromUnixMs(r.GetNullableInt64("expires_at")),
        UnixTime.FromUnixMs(r.GetNullableInt64("last_used_at")),
        UnixTime.FromUnixMs(r.GetNullableInt64("revoked_at")));
}
