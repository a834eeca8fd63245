using Willow.Hub.Access;
using Willow.Hub.Accounts;
using Willow.Hub.Audit;
using Willow.Hub.Devices;
using Willow.Hub.Gateways;
using Willow.Hub.Households;

namespace Willow.Hub.Tests.Storage;

public sealed record AccountStores(
    IAccountStore Accounts, IHouseholdStore Households, IMembershipStore Memberships, IGatewayStore Gateways, IDeviceStore Devices, IAuditStore Audit);

/// <summary>
/// What the stores of people, memberships and credentials must do, whatever they are built on: the rules
/// that keep a household manageable and a secret single-use hold in the store itself, under concurrency.
/// </summary>
public abstract class AccountStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);
    protected static readonly Guid Home = Guid.Parse("0193a0a0-0000-7000-8000-00000000a001");

    private AccountStores _stores = null!;
    private User _owner = null!;

    protected abstract AccountStores CreateStores();

    public async ValueTask InitializeAsync()
    {
        _stores = CreateStores();
        _owner = await UserAsync("owner@example.org");
        await _stores.Households.CreateAsync(new Household(Home, "Home", "Europe/Berlin", Now), new Membership(Home, _owner.Id, HouseholdRole.Owner, null, "test", Now), default);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Users_EmailIsUnique()
    {
        Assert.False(await _stores.Accounts.CreateUserAsync(new User(Guid.NewGuid(), "owner@example.org", "Again", "x", Now), default));
        Assert.Equal(_owner.Id, (await _stores.Accounts.FindUserByEmailAsync("owner@example.org", default))!.Id);
    }

    [Fact]
    public async Task Tokens_FoundByHashOnly_RevokedOnlyByTheirOwner()
    {
        var other = await UserAsync("other@example.org");
        var token = new AccessToken(Guid.NewGuid(), _owner.Id, "cli", Now, Now.AddDays(1), null, null);
        await _stores.Accounts.CreateTokenAsync(token, Credentials.Hash("wlw_secret"), default);

        Assert.Null(await _stores.Accounts.FindTokenAsync(Credentials.Hash("wlw_other"), default));
        Assert.Equal(token.Id, (await _stores.Accounts.FindTokenAsync(Credentials.Hash("wlw_secret"), default))!.Value.Token.Id);
        Assert.False(await _stores.Accounts.RevokeTokenAsync(other.Id, token.Id, Now, default));
        Assert.True(await _stores.Accounts.RevokeTokenAsync(_owner.Id, token.Id, Now, default));
        Assert.False((await _stores.Accounts.FindTokenAsync(Credentials.Hash("wlw_secret"), default))!.Value.Token.IsValidAt(Now));
    }

    [Fact]
    public async Task Sessions_RevokedSessionIsNotValid()
    {
        var session = new Session(Guid.NewGuid(), _owner.Id, Now, Now.AddDays(14), null);
        await _stores.Accounts.CreateSessionAsync(session, default);
        Assert.True((await _stores.Accounts.GetSessionAsync(session.Id, default))!.IsValidAt(Now));

        await _stores.Accounts.RevokeSessionAsync(session.Id, Now, default);

        Assert.False((await _stores.Accounts.GetSessionAsync(session.Id, default))!.IsValidAt(Now));
    }

    [Fact]
    public async Task Memberships_TheLastOwnerCanNeitherLeaveNorBeDemotedNorGetAnEnd()
    {
        Assert.False(await _stores.Memberships.RemoveAsync(Home, _owner.Id, Now, default));
        Assert.False(await _stores.Memberships.PutAsync(new Membership(Home, _owner.Id, HouseholdRole.Caregiver, null, "test", Now), Now, default));
        Assert.False(await _stores.Memberships.PutAsync(new Membership(Home, _owner.Id, HouseholdRole.Owner, Now.AddDays(1), "test", Now), Now, default));
        Assert.Equal(HouseholdRole.Owner, (await _stores.Memberships.GetAsync(Home, _owner.Id, default))!.Role);

        var partner = await UserAsync("partner@example.org");
        Assert.True(await _stores.Memberships.PutAsync(new Membership(Home, partner.Id, HouseholdRole.Owner, null, "test", Now), Now, default));
        Assert.True(await _stores.Memberships.RemoveAsync(Home, _owner.Id, Now, default));
        Assert.Null(await _stores.Memberships.GetAsync(Home, _owner.Id, default));
    }

    [Fact]
    public async Task Invitations_AreSingleUse_EvenWhenTwoPeopleAcceptAtOnce()
    {
        var invitation = Invitation(HouseholdRole.Caregiver, Now.AddDays(7));
        await _stores.Memberships.CreateInvitationAsync(invitation, "hash-1", default);
        var people = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => UserAsync($"sitter{i}@example.org")));

        var results = await Task.WhenAll(people.Select(p => Task.Run(() => _stores.Memberships.AcceptInvitationAsync("hash-1", p.Id, Now, default))));

        var accepted = Assert.Single(results, r => r.Result == InvitationAcceptance.Accepted);
        Assert.All(results.Where(r => r.Result != InvitationAcceptance.Accepted), r => Assert.Equal(InvitationAcceptance.AlreadyUsed, r.Result));
        Assert.Equal(HouseholdRole.Caregiver, accepted.Membership!.Role);
        Assert.Equal(Now.AddDays(7), accepted.Membership.EndsAt);
        Assert.Equal(2, (await _stores.Memberships.ListMembersAsync(Home, default)).Count);
        var listed = Assert.Single(await _stores.Memberships.ListInvitationsAsync(Home, default));
        Assert.Equal("accepted", listed.StatusAt(Now));
        Assert.Equal(accepted.Membership.UserId, listed.AcceptedBy);
    }

    [Fact]
    public async Task Invitations_ExpiredRevokedAndUnknownCodesGrantNothing()
    {
        var sitter = await UserAsync("sitter@example.org");
        await _stores.Memberships.CreateInvitationAsync(Invitation(HouseholdRole.Viewer, null, expires: Now.AddMinutes(-1)), "expired", default);
        var revoked = Invitation(HouseholdRole.Owner, null);
        await _stores.Memberships.CreateInvitationAsync(revoked, "revoked", default);
        Assert.True(await _stores.Memberships.RevokeInvitationAsync(Home, revoked.Id, Now, default));

        Assert.Equal(InvitationAcceptance.Expired, (await _stores.Memberships.AcceptInvitationAsync("expired", sitter.Id, Now, default)).Result);
        Assert.Equal(InvitationAcceptance.Revoked, (await _stores.Memberships.AcceptInvitationAsync("revoked", sitter.Id, Now, default)).Result);
        Assert.Equal(InvitationAcceptance.Unknown, (await _stores.Memberships.AcceptInvitationAsync("nothing", sitter.Id, Now, default)).Result);
        Assert.Null(await _stores.Memberships.GetAsync(Home, sitter.Id, default));
    }

    [Fact]
    public async Task GatewayCodes_AreSpentOnce_ExpireAndDieWithRevocation()
    {
        await _stores.Gateways.PrepareEnrollmentAsync(Home, "home", "code-1", Now.AddHours(1), "owner", default);
        var racers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => _stores.Gateways.EnrollAsync("code-1", $"token-{i}", Now, default))));
        var enrolled = Assert.Single(racers, r => r is not null)!;
        Assert.Equal("home", enrolled.GatewayId);
        Assert.NotNull(enrolled.EnrolledAt);

        await _stores.Gateways.PrepareEnrollmentAsync(Home, "shed", "code-2", Now.AddMinutes(-1), "owner", default);
        Assert.Null(await _stores.Gateways.EnrollAsync("code-2", "token-shed", Now, default));

        var token = $"token-{Array.IndexOf(racers, enrolled)}";
        Assert.NotNull(await _stores.Gateways.FindByTokenAsync(token, default));
        Assert.True(await _stores.Gateways.RevokeAsync(Home, "home", Now, default));
        Assert.Null(await _stores.Gateways.FindByTokenAsync(token, default));
        Assert.False(await _stores.Gateways.PrepareEnrollmentAsync(Home, "home", "code-3", Now.AddHours(1), "owner", default));
        Assert.Null(await _stores.Gateways.EnrollAsync("code-3", "token-again", Now, default));
    }

    [Fact]
    public async Task DeviceTokens_ANewOneReplacesTheOld_AndRevokingEndsIt()
    {
        await _stores.Devices.SetCredentialAsync(Home, "feeder", "first", "owner", Now, default);
        await _stores.Devices.SetCredentialAsync(Home, "feeder", "second", "owner", Now, default);

        Assert.Null(await _stores.Devices.FindCredentialAsync("first", default));
        Assert.Equal((Home, "feeder"), await _stores.Devices.FindCredentialAsync("second", default));
        Assert.True(await _stores.Devices.RevokeCredentialAsync(Home, "feeder", Now, default));
        Assert.Null(await _stores.Devices.FindCredentialAsync("second", default));
        Assert.False(await _stores.Devices.RevokeCredentialAsync(Home, "feeder", Now, default));
    }

    [Fact]
    public async Task Audit_NewestFirst_PagedAndPerHousehold()
    {
        var elsewhere = Guid.NewGuid();
        await _stores.Households.CreateAsync(new Household(elsewhere, "Elsewhere", "UTC", Now), new Membership(elsewhere, _owner.Id, HouseholdRole.Owner, null, "test", Now), default);
        for (var i = 0; i < 5; i++)
        {
            await _stores.Audit.AppendAsync(new AuditEntry(0, Home, Now.AddSeconds(i), "owner", "session", "command.issued", "dispenser", $"#{i}"), default);
        }

        await _stores.Audit.AppendAsync(new AuditEntry(0, elsewhere, Now, "owner", "session", "pet.added", "Rex", null), default);

        var first = await _stores.Audit.ListAsync(Home, 3, null, default);
        var rest = await _stores.Audit.ListAsync(Home, 3, first[^1].Sequence, default);

        Assert.Equal(["#4", "#3", "#2"], first.Select(e => e.Detail));
        Assert.Equal(["#1", "#0"], rest.Select(e => e.Detail));
    }

    private async Task<User> UserAsync(string email)
    {
        var user = new User(Guid.NewGuid(), email, email.Split('@')[0], "not a hash", Now);
        Assert.True(await _stores.Accounts.CreateUserAsync(user, default));
        return user;
    }

    private static Invitation Invitation(HouseholdRole role, DateTimeOffset? membershipEnds, DateTimeOffset? expires = null) =>
        new(Guid.NewGuid(), Home, role, membershipEnds, expires ?? Now.AddDays(7), null, "owner@example.org", Now, null, null, null);
}
