using Willow.Cli.Client;
using Willow.Hub.Accounts;
using Willow.Hub.Households;

namespace Willow.Cli.Demo;

/// <summary>
/// The demo's owner and household, made the way an operator makes the first owner of a fresh hub
/// (<c>willow users add --owner</c>), straight on the hub's database before the hub starts. A second run
/// keeps them; a run whose <c>demo.json</c> was lost gives the owner a new password and token.
/// </summary>
public sealed record DemoOwner(string Email, string Password, string ApiToken, Guid ApiTokenId, Guid HouseholdId, string HouseholdName, string TimeZone, bool Created)
{
    public const string HouseholdNameDefault = "Willow's home";

    public static async Task<DemoOwner> EnsureAsync(string dataDirectory, DemoManifest? earlier, TimeProvider time, CancellationToken cancellationToken)
    {
        using var setup = new AccountSetup(DemoSetup.HubDatabase(dataDirectory), time);
        var user = await setup.Accounts.FindUserByEmailAsync(DemoSetup.OwnerEmail, cancellationToken);
        var created = user is null;
        string password;
        if (user is null)
        {
            password = Codes.New();
            user = await setup.AddUserAsync(DemoSetup.OwnerEmail, password, DemoSetup.OwnerName, cancellationToken);
        }
        else if (earlier is { OwnerEmail: DemoSetup.OwnerEmail } && Passwords.Verify(user, earlier.OwnerPassword) != Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed)
        {
            password = earlier.OwnerPassword;
        }
        else
        {
            password = Codes.New();
            await setup.Accounts.UpdatePasswordHashAsync(user.Id, Passwords.Hash(password), cancellationToken);
        }

        var now = time.GetUtcNow();
        var owned = (await setup.Memberships.ListForUserAsync(user.Id, cancellationToken)).FirstOrDefault(m => m.Role == HouseholdRole.Owner && m.IsActiveAt(now));
        var household = owned is not null
            ? (await setup.Households.GetAsync(owned.HouseholdId, cancellationToken))!
            : await setup.CreateHouseholdAsync(user, HouseholdNameDefault, HouseholdCommands.LocalZone(), cancellationToken);

        // The token of the last run, if it still works; a new one otherwise.
        if (earlier is { ApiTokenId: { } tokenId } && (await setup.Accounts.FindTokenAsync(Hub.Access.Credentials.Hash(earlier.ApiToken), cancellationToken)) is { } found
            && found.Token.Id == tokenId && found.Token.IsValidAt(now) && found.User.Id == user.Id)
        {
            return new DemoOwner(user.Email, password, earlier.ApiToken, tokenId, household.Id, household.Name, household.TimeZone, created);
        }

        var token = await setup.IssueTokenAsync(user, "willow demo", 365, cancellationToken);
        return new DemoOwner(user.Email, password, token.Token, token.Id, household.Id, household.Name, household.TimeZone, created);
    }
}
