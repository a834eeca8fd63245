using System.Net;
using System.Net.Http.Json;
using Willow.Hub.Commands;
using Willow.Testing;

namespace Willow.Hub.Tests.Commands;

/// <summary>The Idempotency-Key semantics of the IETF draft, on the command endpoint.</summary>
public sealed class IdempotencyTests : HubTestBase
{
    private const string Body = "{\"kind\":\"dispense\",\"args\":{\"portions\":1}}";

    [Fact]
    public async Task SameKeySameBody_ReturnsTheSameCommand_AndPushesOnce()
    {
        using var client = Hub.OwnerClient();
        using var first = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", Body, "feed-morning-1");
        using var retry = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", Body, "feed-morning-1");

        var a = (await first.Content.ReadFromJsonAsync(HubJsonContext.Default.CommandView))!;
        var b = (await retry.Content.ReadFromJsonAsync(HubJsonContext.Default.CommandView))!;
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(a.Id, b.Id);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single(await Hub.CommandsAsync());

        await Gateway.NextIssuedAsync();
        await Task.Delay(300);
        Assert.False(Gateway.Issued.Reader.TryRead(out _));
    }

    [Fact]
    public async Task KeyInTheBody_WorksLikeTheHeader()
    {
        const string withKey = "{\"kind\":\"dispense\",\"idempotencyKey\":\"k-body\"}";
        var a = await Hub.IssueAsync(Dispenser, withKey);
        var b = await Hub.IssueAsync(Dispenser, withKey);

        Assert.Equal(a.Id, b.Id);
        Assert.Equal("k-body", a.IdempotencyKey);
    }

    [Fact]
    public async Task SameKeyDifferentBody_Answers422AndCreatesNothingNew()
    {
        using var client = Hub.OwnerClient();
        using var first = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", Body, "k-1");
        using var other = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", "{\"kind\":\"dispense\",\"args\":{\"portions\":3}}", "k-1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("Idempotency key reused with a different request", await other.ProblemTitleAsync());
        Assert.Single(await Hub.CommandsAsync());
    }

    [Fact]
    public async Task SameKeyOnAnotherDevice_IsADifferentRequest_422()
    {
        using var client = Hub.OwnerClient();
        using var first = await client.PostJsonAsync(Hub.DevicePath(Speaker) + "/commands", "{\"kind\":\"call\"}", "k-2");
        using var second = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", Body, "k-2");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
    }

    [Fact]
    public async Task SameKeyWhileTheFirstIsStillBeingAccepted_Answers409()
    {
        // A first request that claimed the key and has not stored its command yet.
        var store = Hub.Service<ICommandStore>();
        var scope = new IdempotencyKeyScope(Hub.HouseholdId, HubSeed.OwnerEmail, "k-busy");
        var claim = await store.ClaimIdempotencyKeyAsync(scope, "hash-of-another-request-in-flight", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30), default);
        Assert.Equal(IdempotencyClaimResult.Claimed, claim.Result);

        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", Body, "k-busy");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("A request with this idempotency key is still being accepted", await response.ProblemTitleAsync());
        Assert.Empty(await Hub.CommandsAsync());
    }

    [Fact]
    public async Task ConcurrentRequestsWithOneKey_CreateOneCommand()
    {
        using var client = Hub.OwnerClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", Body, "k-race")));

        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.Accepted).ToList();
        Assert.NotEmpty(accepted);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var ids = new HashSet<Guid>();
        foreach (var response in accepted)
        {
            ids.Add((await response.Content.ReadFromJsonAsync(HubJsonContext.Default.CommandView))!.Id);
        }

        Assert.Single(ids);
        Assert.Single(await Hub.CommandsAsync());
    }

    [Fact]
    public async Task HeaderAndBodyKeysDiffer_Answers400()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", "{\"kind\":\"dispense\",\"idempotencyKey\":\"a\"}", "b");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
