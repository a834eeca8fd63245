using Microsoft.Extensions.DependencyInjection;
using Willow.Hub.Access;
using Willow.Hub.Accounts;
using Willow.Hub.Devices;
using Willow.Hub.Gateways;
using Willow.Hub.Households;

namespace Willow.Testing;

/// <summary>
/// Puts the people, households and credentials of a <see cref="HubIdentity"/> into a hub's stores, with the
/// identity's known secrets (stored hashed, as the hub stores every secret). Idempotent, so a restarted hub
/// on the same file keeps them.
/// </summary>
public static class HubSeed
{
    public const string OwnerEmail = "owner@willow.test";
    public const string NeighbourEmail = "neighbour@next.door";
    public const string Password = "correct horse battery";

    /// <summary>Hashed once: PBKDF2 is slow on purpose, and every test hub has people.</summary>
    private static readonly Lazy<string> PasswordHash = new(() => Passwords.Hash(Password));

    public static async Task ApplyAsync(IServiceProvider services, HubIdentity identity)
    {
        var accounts = services.GetRequiredService<IAccountStore>();
        if (await accounts.FindUserByEmailAsync(OwnerEmail, CancellationToken.None) is not null)
        {
            return;
        }

        var households = services.GetRequiredService<IHouseholdStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await CreateOwnerAsync(accounts, households, OwnerEmail, "Owner", new Household(identity.HouseholdId, "Willow's home", "Europe/Berlin", now), identity.ApiToken, now);
        await CreateOwnerAsync(accounts, households, NeighbourEmail, "Neighbour", new Household(identity.OtherHouseholdId, "Next door", "Australia/Sydney", now), identity.OtherApiToken, now);

        var gateways = services.GetRequiredService<IGatewayStore>();
        var code = Codes.New();
        await gateways.PrepareEnrollmentAsync(identity.HouseholdId, HubHost.GatewayId, Codes.Hash(code), now.AddHours(1), OwnerEmail, CancellationToken.None);
        _ = await gateways.EnrollAsync(Codes.Hash(code), Credentials.Hash(identity.GatewayToken), now, CancellationToken.None)
            ?? throw new InvalidOperationException("The test gateway did not enrol.");
        await services.GetRequiredService<IDeviceStore>().SetCredentialAsync(
            identity.HouseholdId, HubHost.DirectDeviceId, Credentials.Hash(identity.DeviceToken), OwnerEmail, now, CancellationToken.None);
    }

    /// <summary>A person with a token; a member of <paramref name="householdId"/> with <paramref name="role"/> unless it is null.</summary>
    public static async Task<Person> AddPersonAsync(IServiceProvider services, Guid? householdId, HouseholdRole role, DateTimeOffset? endsAt)
    {
        var accounts = services.GetRequiredService<IAccountStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var user = new User(Guid.NewGuid(), $"{role.ToWire()}-{Guid.NewGuid():N}@willow.test", $"A {role.ToWire()}", PasswordHash.Value, now);
        await accounts.CreateUserAsync(user, CancellationToken.None);
        if (householdId is { } household)
        {
            // An ended membership is written straight to the store: the API refuses an end in the past.
            var put = await services.GetRequiredService<IMembershipStore>().PutAsync(new Membership(household, user.Id, role, endsAt, OwnerEmail, now), now, CancellationToken.None);
            if (!put)
            {
                throw new InvalidOperationException("The membership was refused.");
            }
        }

        var token = await AccountEndpoints.IssueTokenAsync(user.Id, "test", null, accounts, time, CancellationToken.None);
        return new Person(user.Id, user.Email, token.Token, token.Id);
    }

    private static async Task CreateOwnerAsync(IAccountStore accounts, IHouseholdStore households, string email, string name, Household household, string token, DateTimeOffset now)
    {
        var user = new User(Guid.NewGuid(), email, name, PasswordHash.Value, now);
        await accounts.CreateUserAsync(user, CancellationToken.None);
        await households.CreateAsync(household, new Membership(household.Id, user.Id, HouseholdRole.Owner, null, "test", now), CancellationToken.None);
        await accounts.CreateTokenAsync(new AccessToken(Guid.NewGuid(), user.Id, "test", now, null, null, null), Credentials.Hash(token), CancellationToken.None);
    }
}

/// <summary>A person of a test hub and their personal access token.</summary>
public sealed record Person(Guid UserId, string Email, string Token, Guid TokenId);
