using System.Net;
using System.Net.Http.Json;
using Willow.Testing;

namespace Willow.Hub.Tests.Access;

/// <summary>The hub's production limits (five sign-ins a minute from one address), not the generous ones other tests use.</summary>
public sealed class RateLimitTests : HubTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:LoginPerMinute"] = "5",
        ["RateLimits:CommandsPerMinute"] = "3",
        ["RateLimits:CodesPerHour"] = "4",
    };

    [Fact]
    public async Task BruteForceLogin_IsStoppedAfterFiveTries_EvenTheRightPasswordMustWait()
    {
        using var client = Hub.Client(null);
        var statuses = new List<HttpStatusCode>();
        foreach (var guess in new[] { "password", "123456", "willow", "letmein", "dog" })
        {
            using var wrong = await client.PostAsJsonAsync("api/v1/account/login", new { email = HubSeed.OwnerEmail, password = guess });
            statuses.Add(wrong.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));

        using var slowed = await client.PostAsJsonAsync("api/v1/account/login", new { email = HubSeed.OwnerEmail, password = HubSeed.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.Equal("Too many requests", await slowed.ProblemTitleAsync());
        var retryAfter = slowed.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        // The token route checks the same password and shares the budget, so it is no way around it.
        using var viaToken = await client.PostAsJsonAsync("api/v1/account/token", new { email = HubSeed.OwnerEmail, password = HubSeed.Password, name = "cli" });
        Assert.Equal(HttpStatusCode.TooManyRequests, viaToken.StatusCode);
    }

    [Fact]
    public async Task GuessingEnrolmentCodes_IsStoppedToo()
    {
        using var client = Hub.Client(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.PostJsonAsync("api/v1/gateways/enroll", $"{{\"code\":\"ABCD-{i:0000}\"}}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task RunawayScript_Commands_Answers429_PerCaller()
    {
        using var owner = Hub.OwnerClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await owner.PostJsonAsync(Hub.DevicePath(Speaker) + "/commands", "{\"kind\":\"call\"}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);

        // Someone else in the household is not held up by it.
        var partner = await Hub.AddPersonAsync(Willow.Hub.Households.HouseholdRole.Caregiver);
        using var partnerClient = Hub.Client(partner.Token);
        using var theirs = await partnerClient.PostJsonAsync(Hub.DevicePath(Speaker) + "/commands", "{\"kind\":\"call\"}");
        Assert.Equal(HttpStatusCode.Accepted, theirs.StatusCode);
    }
}
