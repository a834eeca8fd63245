using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Willow.Core.Commands;
using Willow.Testing;

namespace Willow.Hub.Tests.Gateways;

/// <summary>
/// An owner adds a gateway and gets a one-time code; the gateway trades it for its token; revoking the
/// gateway closes its live connection at once and its token opens no new one.
/// </summary>
public sealed class GatewayEnrollmentTests : HubTestBase
{
    private string Gateways => $"api/v1/households/{Hub.HouseholdId}/gateways";

    [Fact]
    public async Task Enroll_TheCodeWorksOnce_TheTokenConnects_TheGatewayIsListedEnrolled()
    {
        var code = await AddGatewayAsync("garage");
        var token = await EnrollAsync(code);
        Assert.StartsWith("wgw_", token, StringComparison.Ordinal);

        using var anonymous = Hub.Client(null);
        using (var again = await anonymous.PostJsonAsync("api/v1/gateways/enroll", $"{{\"code\":\"{code}\"}}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Equal("Enrolment code not accepted", await again.ProblemTitleAsync());
        }

        await using var garage = await TestGateway.ConnectAsync(Hub, token);
        await garage.ReportDevicesAsync(("garage-feeder", Capability.Dispenser, true));

        using var owner = Hub.OwnerClient();
        var listed = JsonDocument.Parse(await owner.GetStringAsync(Gateways)).RootElement.EnumerateArray()
            .Single(g => g.GetProperty("id").GetString() == "garage");
        Assert.Equal("enrolled", listed.GetProperty("status").GetString());

        var audit = await owner.GetStringAsync($"api/v1/households/{Hub.HouseholdId}/audit");
        Assert.Contains("gateway.enrolment_code", audit, StringComparison.Ordinal);
        Assert.Contains("gateway.enrolled", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ClosesTheLiveConnectionAtOnce_AndTheTokenOpensNoOther()
    {
        var token = await EnrollAsync(await AddGatewayAsync("garage"));
        await using var garage = await TestGateway.ConnectAsync(Hub, token);
        await garage.ReportDevicesAsync(("garage-feeder", Capability.Dispenser, true));

        using var owner = Hub.OwnerClient();
        using (var revoke = await owner.PostAsync($"{Gateways}/garage/revoke", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
            Assert.Equal("revoked", JsonDocument.Parse(await revoke.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        }

        await garage.Closed.WaitAsync(TimeSpan.FromSeconds(5));

        // Its devices show offline, and a command for them is not sent anywhere.
        var feeder = JsonDocument.Parse(await owner.GetStringAsync($"api/v1/households/{Hub.HouseholdId}/devices")).RootElement.EnumerateArray()
            .Single(d => d.GetProperty("id").GetString() == "garage-feeder");
        Assert.False(feeder.GetProperty("online").GetBoolean());

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => TestGateway.ConnectAsync(Hub, token));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);

        // The other gateway of the home is untouched.
        Assert.Equal(HubConnectionState.Connected, Gateway.State);

        using var newCode = await owner.PostAsync($"{Gateways}/garage/code", null);
        Assert.Equal(HttpStatusCode.Conflict, newCode.StatusCode);
    }

    [Fact]
    public async Task ReplacedPi_EnrollsWithANewCode_AndTheOldPiIsDisconnected()
    {
        var oldToken = await EnrollAsync(await AddGatewayAsync("garage"));
        await using var oldPi = await TestGateway.ConnectAsync(Hub, oldToken);

        using var owner = Hub.OwnerClient();
        using var code = await owner.PostAsync($"{Gateways}/garage/code", null);
        Assert.Equal(HttpStatusCode.OK, code.StatusCode);
        var newToken = await EnrollAsync(JsonDocument.Parse(await code.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!);

        await oldPi.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<Exception>(() => TestGateway.ConnectAsync(Hub, oldToken));
        await using var newPi = await TestGateway.ConnectAsync(Hub, newToken);
        Assert.Equal(HubConnectionState.Connected, newPi.State);
    }

    [Fact]
    public async Task GatewayOfAnotherHousehold_CannotBeRevokedFromHere()
    {
        using var neighbour = Hub.Client(Hub.Identity.OtherApiToken);
        using var response = await neighbour.PostAsync($"{Gateways}/{HubHost.GatewayId}/revoke", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HubConnectionState.Connected, Gateway.State);
    }

    private async Task<string> AddGatewayAsync(string id)
    {
        using var owner = Hub.OwnerClient();
        using var response = await owner.PostJsonAsync(Gateways, $"{{\"gatewayId\":\"{id}\"}}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("willow gateway enroll", body.GetProperty("command").GetString(), StringComparison.Ordinal);
        return body.GetProperty("code").GetString()!;
    }

    private async Task<string> EnrollAsync(string code)
    {
        using var anonymous = Hub.Client(null);
        using var response = await anonymous.PostJsonAsync("api/v1/gateways/enroll", $"{{\"code\":\"{code}\"}}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }
}
