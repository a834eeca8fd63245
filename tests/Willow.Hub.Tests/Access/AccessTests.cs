using System.Net;

namespace Willow.Hub.Tests.Access;

/// <summary>Every endpoint needs a token of the right kind, and another household's ids answer 404.</summary>
public sealed class AccessTests : HubTestBase
{
    [Theory]
    [InlineData("GET", "api/v1/households")]
    [InlineData("GET", "api/v1/households/{h}/devices")]
    [InlineData("GET", "api/v1/households/{h}/devices/treat-dispenser")]
    [InlineData("POST", "api/v1/households/{h}/devices/treat-dispenser/commands")]
    [InlineData("GET", "api/v1/households/{h}/commands")]
    [InlineData("GET", "api/v1/households/{h}/gateways")]
    [InlineData("GET", "api/v1/device/commands/next")]
    public async Task NoToken_Answers401Problem(string method, string path)
    {
        using var client = Hub.Client(null);
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{h}", Hub.HouseholdId.ToString(), StringComparison.Ordinal))
        {
            Content = method == "POST" ? new StringContent("{\"kind\":\"dispense\"}", System.Text.Encoding.UTF8, "application/json") : null,
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await Hub.CommandsAsync());
    }

    [Fact]
    public async Task UnknownToken_Answers401()
    {
        using var client = Hub.Client("wlw_not-a-token-this-hub-knows");
        using var response = await client.GetAsync($"api/v1/households/{Hub.HouseholdId}/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GatewayTokenOnThePeoplesApi_Answers403()
    {
        using var client = Hub.Client(Hub.Identity.GatewayToken);
        using var response = await client.GetAsync($"api/v1/households/{Hub.HouseholdId}/devices");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PersonTokenOnTheDeviceApi_Answers403()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.GetAsync("api/v1/device/commands/next");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PersonTokenOnTheGatewayHub_IsRefused()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => TestGateway.ConnectAsync(Hub, Hub.Identity.ApiToken));
    }

    [Theory]
    [InlineData("GET", "api/v1/households/{h}/devices")]
    [InlineData("GET", "api/v1/households/{h}/devices/treat-dispenser")]
    [InlineData("POST", "api/v1/households/{h}/devices/treat-dispenser/commands")]
    [InlineData("GET", "api/v1/households/{h}/commands")]
    [InlineData("GET", "api/v1/households/{h}/gateways")]
    public async Task AnotherHouseholdsToken_Answers404AsIfItDidNotExist(string method, string path)
    {
        using var neighbour = Hub.Client(Hub.Identity.OtherApiToken);
        using var response = await neighbour.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{h}", Hub.HouseholdId.ToString(), StringComparison.Ordinal))
        {
            Content = method == "POST" ? new StringContent("{\"kind\":\"dispense\"}", System.Text.Encoding.UTF8, "application/json") : null,
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Household not found", await response.ProblemTitleAsync());
        Assert.Empty(await Hub.CommandsAsync());
    }

    [Fact]
    public async Task NonexistentHousehold_Answers404TheSameWay()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.GetAsync($"api/v1/households/{Guid.NewGuid()}/devices");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Household not found", await response.ProblemTitleAsync());
    }

    [Fact]
    public async Task OurCommandIdUnderTheNeighboursHousehold_Answers404()
    {
        var command = await Hub.IssueAsync(Dispenser);
        using var neighbour = Hub.Client(Hub.Identity.OtherApiToken);
        using var response = await neighbour.GetAsync($"api/v1/households/{Hub.Identity.OtherHouseholdId}/commands/{command.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Households_ListsOnlyTheCallersOwn()
    {
        using var client = Hub.OwnerClient();
        var households = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync(client, "api/v1/households", HubJsonContext.Default.IReadOnlyListHouseholdView);
        var only = Assert.Single(households!);
        Assert.Equal(Hub.HouseholdId, only.Id);
        Assert.Equal("Europe/Berlin", only.TimeZone);
    }

    [Theory]
    [InlineData("health/live")]
    [InlineData("health/ready")]
    [InlineData("openapi/v1.json")]
    public async Task HealthAndApiDocument_NeedNoToken(string path)
    {
        using var client = Hub.Client(null);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_Answers404Problem()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.GetAsync("api/v1/cats");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HugeBody_IsRefusedWith413NotA500()
    {
        using var client = Hub.OwnerClient();
        var json = "{\"kind\":\"dispense\",\"idempotencyKey\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using var response = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", json);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await Hub.CommandsAsync());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/api/v1/account")]
    [InlineData("/")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path)
    {
        // Not following redirects: "/" sends the browser on to the API reference until the dashboard lands.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Hub.Url) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Hub.Identity.ApiToken);
        using var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        if (!path.StartsWith("/api", StringComparison.Ordinal))
        {
            // Pages (the dashboard's) may load only from the hub itself and may not be framed.
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        }
    }
}
