using System.Net;
using System.Text;
using System.Text.Json;

namespace Willow.Hub.Tests.DirectMode;

/// <summary>A direct-mode device's own token: issued by an owner, replaced by a new one, revoked at once, and good for that device only.</summary>
public sealed class DeviceTokenTests : HubTestBase
{
    private const string Hello = "{\"name\":\"Porch feeder\",\"capabilities\":[\"dispenser\"],\"version\":\"test\"}";

    [Fact]
    public async Task NewToken_WorksForItsDevice_ReplacesTheOld_AndRevokingEndsIt()
    {
        var first = await IssueAsync("porch-feeder");
        Assert.Equal(HttpStatusCode.NoContent, await AnnounceAsync(first));

        var second = await IssueAsync("porch-feeder");
        Assert.Equal(HttpStatusCode.Unauthorized, await AnnounceAsync(first));
        Assert.Equal(HttpStatusCode.NoContent, await AnnounceAsync(second));

        using var owner = Hub.OwnerClient();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Hub.DevicePath("porch-feeder")}/token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await AnnounceAsync(second));

        var audit = await owner.GetStringAsync($"api/v1/households/{Hub.HouseholdId}/audit");
        Assert.Contains("device.token_issued", audit, StringComparison.Ordinal);
        Assert.Contains("device.token_revoked", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceToken_IsNoKeyToThePeoplesApi()
    {
        var token = await IssueAsync("porch-feeder");
        using var device = Hub.Client(token);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.GetAsync($"api/v1/households/{Hub.HouseholdId}/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostJsonAsync($"{Hub.DevicePath(Dispenser)}/commands", "{\"kind\":\"dispense\"}")).StatusCode);
        Assert.Empty(await Hub.CommandsAsync());
    }

    [Fact]
    public async Task ACaregiver_CannotIssueDeviceTokens()
    {
        var sitter = await Hub.AddPersonAsync(Willow.Hub.Households.HouseholdRole.Caregiver);
        using var client = Hub.Client(sitter.Token);
        using var response = await client.PostAsync($"{Hub.DevicePath("porch-feeder")}/token", null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<string> IssueAsync(string deviceId)
    {
        using var owner = Hub.OwnerClient();
        using var response = await owner.PostAsync($"{Hub.DevicePath(deviceId)}/token", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        Assert.StartsWith("wdv_", token, StringComparison.Ordinal);
        return token;
    }

    private async Task<HttpStatusCode> AnnounceAsync(string token)
    {
        using var device = Hub.Client(token);
        using var response = await device.PutAsync("api/v1/device", new StringContent(Hello, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }
}
