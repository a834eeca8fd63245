using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Willow.Hub.Households;
using Willow.Testing;

namespace Willow.Hub.Tests.Households;

/// <summary>
/// The issue's story: an owner invites a partner as owner, a pet sitter as caregiver for one week and a vet
/// as viewer; each can do what the role allows and nothing more, and the audit log says who did what.
/// </summary>
public sealed class MembershipTests : HubTestBase
{
    private string Household => $"api/v1/households/{Hub.HouseholdId}";

    [Fact]
    public async Task PartnerSitterAndVet_JoinByCode_AndEachCanDoWhatTheirRoleAllows()
    {
        var sitterEnds = DateTimeOffset.UtcNow.AddDays(7);
        var partner = await JoinAsync(HouseholdRole.Owner, null, "Alex, partner");
        var sitter = await JoinAsync(HouseholdRole.Caregiver, sitterEnds, "Sam, pet sitter");
        var vet = await JoinAsync(HouseholdRole.Viewer, null, "Dr. Rivera");

        using var owner = Hub.OwnerClient();
        var members = JsonDocument.Parse(await owner.GetStringAsync($"{Household}/members")).RootElement.EnumerateArray().ToList();
        Assert.Equal(4, members.Count);
        var sitterRow = members.Single(m => m.GetProperty("email").GetString() == sitter.Email);
        Assert.Equal("caregiver", sitterRow.GetProperty("role").GetString());
        Assert.Equal(sitterEnds.ToUnixTimeSeconds(), sitterRow.GetProperty("endsAt").GetDateTimeOffset().ToUnixTimeSeconds());

        // The vet reads but cannot feed.
        using var vetClient = Hub.Client(vet.Token);
        Assert.Equal(HttpStatusCode.OK, (await vetClient.GetAsync($"{Household}/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vetClient.PostJsonAsync($"{Household}/devices/{Dispenser}/commands", "{\"kind\":\"dispense\"}")).StatusCode);

        // The sitter feeds and calls, but cannot add a pet, see the audit log or invite anyone.
        using var sitterClient = Hub.Client(sitter.Token);
        using (var feed = await sitterClient.PostJsonAsync($"{Household}/devices/{Dispenser}/commands", "{\"kind\":\"dispense\"}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, feed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await sitterClient.PostJsonAsync($"{Household}/pets", "{\"name\":\"Rex\"}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sitterClient.GetAsync($"{Household}/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sitterClient.PostJsonAsync($"{Household}/invitations", "{\"role\":\"viewer\"}")).StatusCode);

        // The partner is an owner like the first one.
        using var partnerClient = Hub.Client(partner.Token);
        Assert.Equal(HttpStatusCode.Created, (await partnerClient.PostJsonAsync($"{Household}/pets", "{\"name\":\"Rex\"}")).StatusCode);

        // The audit log says who joined, who fed through which token, who added the pet.
        var audit = JsonDocument.Parse(await owner.GetStringAsync($"{Household}/audit")).RootElement.EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "member.joined" && e.GetProperty("actor").GetString() == sitter.Email
            && e.GetProperty("detail").GetString()!.StartsWith("caregiver until ", StringComparison.Ordinal));
        var fed = Assert.Single(audit, e => e.GetProperty("action").GetString() == "command.issued");
        Assert.Equal(sitter.Email, fed.GetProperty("actor").GetString());
        Assert.Contains("token", fed.GetProperty("via").GetString(), StringComparison.Ordinal);
        Assert.Equal(Dispenser, fed.GetProperty("target").GetString());
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "pet.added" && e.GetProperty("actor").GetString() == partner.Email);
    }

    [Fact]
    public async Task InvitationCode_WorksOnce_ASecondPersonIsTurnedAway()
    {
        var code = await InviteAsync(HouseholdRole.Viewer, null, null);
        var first = await Hub.AddPersonAsync(null);
        var second = await Hub.AddPersonAsync(null);

        using var firstClient = Hub.Client(first.Token);
        using var accepted = await firstClient.PostJsonAsync("api/v1/invitations/accept", $"{{\"code\":\"{code}\"}}");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        using var secondClient = Hub.Client(second.Token);
        using var refused = await secondClient.PostJsonAsync("api/v1/invitations/accept", $"{{\"code\":\"{code}\"}}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secondClient.GetAsync(Household)).StatusCode);
    }

    [Fact]
    public async Task RevokedInvitation_GrantsNothing()
    {
        using var owner = Hub.OwnerClient();
        using var created = await owner.PostJsonAsync($"{Household}/invitations", "{\"role\":\"caregiver\"}");
        var invitation = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Household}/invitations/{invitation.GetProperty("id").GetGuid()}")).StatusCode);

        var person = await Hub.AddPersonAsync(null);
        using var client = Hub.Client(person.Token);
        using var refused = await client.PostJsonAsync("api/v1/invitations/accept", $"{{\"code\":\"{invitation.GetProperty("code").GetString()}\"}}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Household)).StatusCode);
    }

    [Fact]
    public async Task TheLastOwner_CannotLeave_OrStepDown_UntilThereIsAnother()
    {
        using var owner = Hub.OwnerClient();
        var me = JsonDocument.Parse(await owner.GetStringAsync("api/v1/account")).RootElement.GetProperty("id").GetGuid();

        using (var leave = await owner.DeleteAsync($"{Household}/members/me"))
        {
            Assert.Equal(HttpStatusCode.Conflict, leave.StatusCode);
            Assert.Equal("A household needs an owner", await leave.ProblemTitleAsync());
        }

        using (var stepDown = await owner.SendJsonAsync(HttpMethod.Patch, $"{Household}/members/{me}", "{\"role\":\"viewer\"}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, stepDown.StatusCode);
        }

        await JoinAsync(HouseholdRole.Owner, null, "partner");
        using (var stepDown = await owner.SendJsonAsync(HttpMethod.Patch, $"{Household}/members/{me}", "{\"role\":\"viewer\"}"))
        {
            Assert.Equal(HttpStatusCode.OK, stepDown.StatusCode);
        }

        // Now a viewer: reads, cannot manage members.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"{Household}/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostJsonAsync($"{Household}/invitations", "{\"role\":\"viewer\"}")).StatusCode);
    }

    [Fact]
    public async Task RemovedMember_LosesAccessAtOnce_AndSeesTheHouseholdAsNonexistent()
    {
        var sitter = await JoinAsync(HouseholdRole.Caregiver, null, "sitter");
        using var sitterClient = Hub.Client(sitter.Token);
        Assert.Equal(HttpStatusCode.OK, (await sitterClient.GetAsync(Household)).StatusCode);

        using var owner = Hub.OwnerClient();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Household}/members/{sitter.UserId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await sitterClient.GetAsync(Household)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sitterClient.PostJsonAsync($"{Household}/devices/{Dispenser}/commands", "{\"kind\":\"dispense\"}")).StatusCode);
        Assert.Empty(await Hub.CommandsAsync());
    }

    [Fact]
    public async Task MembershipEndInThePast_IsRefused_AndAnOwnerInvitationCannotEnd()
    {
        using var owner = Hub.OwnerClient();
        using var past = await owner.PostJsonAsync($"{Household}/invitations", $"{{\"role\":\"caregiver\",\"membershipEndsAt\":\"{DateTimeOffset.UtcNow.AddDays(-1):O}\"}}");
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        using var endingOwner = await owner.PostJsonAsync($"{Household}/invitations", $"{{\"role\":\"owner\",\"membershipEndsAt\":\"{DateTimeOffset.UtcNow.AddDays(3):O}\"}}");
        Assert.Equal(HttpStatusCode.BadRequest, endingOwner.StatusCode);
        Assert.Empty(JsonDocument.Parse(await owner.GetStringAsync($"{Household}/invitations")).RootElement.EnumerateArray());
    }

    private async Task<string> InviteAsync(HouseholdRole role, DateTimeOffset? endsAt, string? note)
    {
        using var owner = Hub.OwnerClient();
        var body = new Dictionary<string, object?> { ["role"] = role.ToWire(), ["membershipEndsAt"] = endsAt, ["note"] = note };
        using var response = await owner.PostAsJsonAsync($"{Household}/invitations", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
    }

    private async Task<Person> JoinAsync(HouseholdRole role, DateTimeOffset? endsAt, string note)
    {
        var code = await InviteAsync(role, endsAt, note);
        var person = await Hub.AddPersonAsync(null);
        using var client = Hub.Client(person.Token);
        using var accepted = await client.PostJsonAsync("api/v1/invitations/accept", $"{{\"code\":\"{code}\"}}");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        return person;
    }
}
