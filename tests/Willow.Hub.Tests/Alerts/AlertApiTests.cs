using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Willow.Hub.Households;

namespace Willow.Hub.Tests.Alerts;

/// <summary>Who may do what with alerts and channels, and the problem documents bad settings get.</summary>
public sealed class AlertApiTests : IAsyncLifetime
{
    private AlertHome _home = null!;

    public async ValueTask InitializeAsync() => _home = await AlertHome.StartAsync(withRegimen: false);

    public async ValueTask DisposeAsync() => await _home.DisposeAsync();

    private string Api => $"api/v1/households/{_home.HouseholdId}";

    [Theory]
    [InlineData("""{"kind":"webhook","url":"not a url"}""", "url")]
    [InlineData("""{"kind":"webhook","url":"ftp://example.org/hook"}""", "url")]
    [InlineData("""{"kind":"ntfy"}""", "url")]
    [InlineData("""{"kind":"email","email":"sam at example"}""", "email")]
    [InlineData("""{"kind":"email","email":"Sam <sam@example.org>"}""", "email")]
    [InlineData("""{"kind":"pager","url":"https://example.org"}""", "kind")]
    [InlineData("""{"url":"https://example.org"}""", "kind")]
    public async Task BadChannel_IsAProblemNamingTheField_AndNothingIsSaved(string body, string field)
    {
        using var owner = _home.Hub.OwnerClient();
        using var response = await owner.PostJsonAsync($"{Api}/members/me/channels", body);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty((await owner.GetFromJsonAsync($"{Api}/members/me/channels", HubJsonContext.Default.IReadOnlyListChannelView))!);
    }

    [Theory]
    [InlineData("""{"quietHours":{"from":"25:00","to":"07:00"}}""", "quietHours.from")]
    [InlineData("""{"quietHours":{"from":"22:00","to":"7"}}""", "quietHours.to")]
    [InlineData("""{"quietHours":{"from":"22:00","to":"22:00"}}""", "quietHours.to")]
    public async Task QuietHoursNotHHmm_IsAProblem(string body, string field)
    {
        using var owner = _home.Hub.OwnerClient();
        using var response = await owner.SendJsonAsync(HttpMethod.Put, $"{Api}/members/me/alert-settings", body);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("""{"escalateAfter":"00:00:30"}""")]
    [InlineData("""{"escalateAfter":"2.00:00:00"}""")]
    [InlineData("""{}""")]
    public async Task EscalationOutsideAMinuteToADay_IsAProblem(string body)
    {
        using var owner = _home.Hub.OwnerClient();
        using var response = await owner.SendJsonAsync(HttpMethod.Put, $"{Api}/alert-settings", body);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "escalateAfter");
    }

    [Fact]
    public async Task EveryoneManagesTheirOwnChannels_TheSecretIsShownOnce_OwnersSeeOthersChannels()
    {
        var vet = await _home.Hub.AddPersonAsync(HouseholdRole.Viewer);
        using var viewer = _home.Hub.Client(vet.Token);
        using var owner = _home.Hub.OwnerClient();

        var created = await _home.AddChannelAsync(viewer, """{"kind":"webhook","name":"clinic","url":"https://clinic.example.org/willow"}""");
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        var listed = Assert.Single((await viewer.GetFromJsonAsync($"{Api}/members/me/channels", HubJsonContext.Default.IReadOnlyListChannelView))!);
        Assert.Equal(created.Id, listed.Id);
        Assert.Null(listed.Secret);

        // The owner sees it (never its secret) but cannot change or delete it: it is the vet's.
        var seen = Assert.Single((await owner.GetFromJsonAsync($"{Api}/members/{vet.UserId}/channels", HubJsonContext.Default.IReadOnlyListChannelView))!);
        Assert.Null(seen.Secret);
        using (var delete = await owner.DeleteAsync($"{Api}/members/me/channels/{created.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }

        using (var peek = await viewer.GetAsync($"{Api}/members/{_home.OwnerId}/channels"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, peek.StatusCode);
        }

        using (var change = await viewer.SendJsonAsync(HttpMethod.Put, $"{Api}/members/me/channels/{created.Id}", """{"kind":"webhook","url":"https://clinic.example.org/v2","enabled":false}"""))
        {
            var changed = (await change.EnsureSuccessStatusCode().Content.ReadFromJsonAsync(HubJsonContext.Default.ChannelView))!;
            Assert.False(changed.Enabled);
            Assert.Equal("https://clinic.example.org/v2", changed.Url);
        }

        using (var delete = await viewer.DeleteAsync($"{Api}/members/me/channels/{created.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
    }

    [Fact]
    public async Task ViewersReadAlerts_CaregiversAcknowledge_AndTheAcknowledgementIsAudited()
    {
        await _home.Gateway.ReportDevicesAsync((AlertHome.Dispenser, Core.Commands.Capability.Dispenser, false));
        using var owner = _home.Hub.OwnerClient();
        await _home.AddChannelAsync(owner, """{"kind":"email","email":"owner@willow.test"}""");
        _home.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, await _home.EvaluateAsync());

        var vet = await _home.Hub.AddPersonAsync(HouseholdRole.Viewer);
        using var viewer = _home.Hub.Client(vet.Token);
        var alert = Assert.Single(await _home.AlertsAsync(viewer));
        using (var refused = await viewer.PostAsync($"{Api}/alerts/{alert.Id}/acknowledge", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var sitter = await _home.Hub.AddPersonAsync(HouseholdRole.Caregiver);
        using var caregiver = _home.Hub.Client(sitter.Token);
        using (var ack = await caregiver.PostAsync($"{Api}/alerts/{alert.Id}/acknowledge", null))
        {
            Assert.Equal("acknowledged", (await ack.EnsureSuccessStatusCode().Content.ReadFromJsonAsync(HubJsonContext.Default.AlertView))!.State);
        }

        using (var missing = await caregiver.PostAsync($"{Api}/alerts/{Guid.NewGuid()}/acknowledge", null))
        {
            await AssertProblemAsync(missing, HttpStatusCode.NotFound, null);
        }

        using (var badState = await viewer.GetAsync($"{Api}/alerts?state=closed"))
        {
            await AssertProblemAsync(badState, HttpStatusCode.BadRequest, "state");
        }

        var audit = await owner.GetStringAsync($"{Api}/audit");
        Assert.Contains("alert.acknowledged", audit, StringComparison.Ordinal);
        Assert.Contains(sitter.Email, audit, StringComparison.Ordinal);

        // Another household's member does not see it.
        using var neighbour = _home.Hub.Client(_home.Hub.Identity.OtherApiToken);
        using var foreign = await neighbour.GetAsync($"{Api}/alerts");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }
    }
}
