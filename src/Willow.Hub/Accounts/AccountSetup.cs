using Willow.Hub.Audit;
using Willow.Hub.Households;
using Willow.Hub.Storage;
using Willow.Hub.Storage.Redis;
using Willow.Hub.Storage.Sqlite;
using Willow.Sqlite;

namespace Willow.Hub.Accounts;

/// <summary>
/// What the hub's operator does on the hub's own machine, with no one signed in yet: the first owner of a
/// fresh hub (<c>willow users add --owner</c>), and the demo's owner. Works on the database file directly, so
/// it runs whether or not the hub is running.
/// </summary>
public sealed class AccountSetup : IDisposable
{
    private readonly IDisposable storage;
    private readonly TimeProvider time;
    private readonly IAuditStore audit;

    /// <summary>How the audit log names what was done here: on the hub's machine, by its operator.</summary>
    public const string Via = "willow users add";

    public AccountSetup(string databasePath, TimeProvider time)
    {
        this.time = time;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        var database = new SqliteDatabase(databasePath);
        database.Migrate(HubSchema.Migrations);
        storage = database;
        Accounts = new SqliteAccountStore(database);
        Households = new SqliteHouseholdStore(database);
        Memberships = new SqliteMembershipStore(database);
        audit = new SqliteAuditStore(database);
    }

    private AccountSetup(RedisStorage redis, TimeProvider time)
    {
        this.time = time;
        storage = redis.Connection;
        Accounts = new RedisAccountStore(redis);
        Households = new RedisHouseholdStore(redis);
        Memberships = new RedisMembershipStore(redis);
        audit = new RedisAuditStore(redis);
    }

    /// <summary>On the store the hub is configured with (its SQLite file, or its Redis).</summary>
    public static AccountSetup Open(StorageOptions options, TimeProvider time)
    {
        if (!options.UsesRedis)
        {
            return new AccountSetup(options.SqlitePath, time);
        }

        var connection = RedisConnections.Connect(
            options.Redis ?? throw new ArgumentException("Storage:Redis (the connection string) is not set.", nameof(options)), "willow-users");
        if (!connection.IsConnected)
        {
            connection.Dispose();
            throw new ArgumentException($"Redis at {options.Redis.Split(',')[0]} does not answer; start it (or check --redis) and try again.", nameof(options));
        }

        return new AccountSetup(new RedisStorage(connection, options.RedisPrefix), time);
    }

    public IAccountStore Accounts { get; }

    public IHouseholdStore Households { get; }

    public IMembershipStore Memberships { get; }

    /// <summary>Creates an account; throws <see cref="ArgumentException"/> with a sentence for the person when the input is not acceptable.</summary>
    public async Task<User> AddUserAsync(string email, string password, string displayName, CancellationToken cancellationToken)
    {
        if (!Passwords.IsEmail(email))
        {
            throw new ArgumentException($"'{email}' is not an e-mail address.", nameof(email));
        }

        if (Passwords.Problem(password) is { } problem)
        {
            throw new ArgumentException(problem, nameof(password));
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 60)
        {
            throw new ArgumentException("The name must be 1 to 60 characters.", nameof(displayName));
        }

        var now = time.GetUtcNow();
        var user = new User(Guid.CreateVersion7(now), Passwords.NormalizeEmail(email), displayName.Trim(), Passwords.Hash(password), now);
        return await Accounts.CreateUserAsync(user, cancellationToken)
            ? user
            : throw new ArgumentException($"An account for {user.Email} exists already.", nameof(email));
    }

    /// <summary>A new household with <paramref name="owner"/> as its owner.</summary>
    public async Task<Household> CreateHouseholdAsync(User owner, string name, string timeZone, CancellationToken cancellationToken, Guid? id = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            throw new ArgumentException("The household's name must be 1 to 100 characters.", nameof(name));
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            throw new ArgumentException($"'{timeZone}' is not an IANA time zone, e.g. Europe/Berlin.", nameof(timeZone));
        }

        var now = time.GetUtcNow();
        var household = new Household(id ?? Guid.CreateVersion7(now), name.Trim(), timeZone, now);
        await Households.CreateAsync(household, new Membership(household.Id, owner.Id, HouseholdRole.Owner, null, Via, now), cancellationToken);
        await audit.AppendAsync(new AuditEntry(0, household.Id, now, owner.Email, Via, AuditActions.HouseholdCreated, household.Name, "on the hub's machine"), cancellationToken);
        return household;
    }

    public Task<NewAccessToken> IssueTokenAsync(User user, string name, int? expiresInDays, CancellationToken cancellationToken) =>
        AccountEndpoints.IssueTokenAsync(user.Id, name, expiresInDays, Accounts, time, cancellationToken);

    public void Dispose() => storage.Dispose();
}
