using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Willow.Core.Commands;
using Willow.Testing;

namespace Willow.Hub.Tests.Storage;

/// <summary>
/// The hub on its own real redis-server with the AOF fsynced on every write (<c>appendfsync always</c>),
/// and that Redis killed (SIGKILL, no chance to save) in the middle of a run, then started again.
/// </summary>
public sealed class RedisRestartTests : HubTestBase
{
    private RedisServer _redis = null!;

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "redis",
        ["Storage:Redis"] = _redis.Address,
        ["Storage:RedisPrefix"] = "restart",
    };

    public override async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(appendOnly: true);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisKilledAndRestarted_NothingAcknowledgedIsLost_WritesMeanwhileFailClearly_AndTheHubReconnects()
    {
        var acknowledged = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            acknowledged.Add((await Hub.IssueAsync(Dispenser, "{\"kind\":\"dispense\",\"ttlSeconds\":3600}")).Id);
        }

        await _redis.KillAsync();

        // While Redis is down a "feed" fails at once with a sentence, rather than hanging or running later.
        using var client = Hub.OwnerClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        using var refused = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", "{\"kind\":\"dispense\"}");
        clock.Stop();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Storage is unavailable", problem.GetProperty("title").GetString());
        Assert.Contains("nothing was done", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter is not null, "no Retry-After");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the refusal took {clock.Elapsed.TotalSeconds:0.0} s");
        using var notReady = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);

        await _redis.StartAgainAsync();

        // The hub finds Redis again by itself: ready, and every acknowledged command is there as it was.
        await Eventually.WaitAsync(
            async () => (await client.GetAsync("/health/ready")).StatusCode,
            status => status == HttpStatusCode.OK,
            "the hub to be ready again",
            TimeSpan.FromSeconds(30));
        foreach (var id in acknowledged)
        {
            var command = await Hub.CommandAsync(id);
            Assert.Equal(CommandState.Queued, command.State);
            Assert.Single(command.Events);
        }

        // The refused command was not stored: the device's list holds exactly the acknowledged ones.
        using var list = await client.GetAsync(Hub.DevicePath(Dispenser) + "/commands?limit=100");
        var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToHashSet();
        Assert.True(listed.SetEquals(acknowledged), $"listed {listed.Count}, acknowledged {acknowledged.Count}");

        // And the push path works again: commands reach the gateway through the backplane. Redis pub/sub keeps nothing
        // for a subscriber that is away, and the backplane subscribes again on its own connection (StackExchange.Redis
        // reconnects it with back-off), so a push published before that is lost; the real gateway's periodic sync
        // picks such a command up (HubLinkTests). Here: within a minute, a newly issued command is pushed again.
        while (Gateway.Issued.Reader.TryRead(out _))
        {
        }

        var issuedSince = new HashSet<Guid>();
        var pushed = await Eventually.WaitAsync(
            async () =>
            {
                using var response = await client.PostJsonAsync(Hub.DevicePath(Dispenser) + "/commands", "{\"kind\":\"dispense\",\"ttlSeconds\":3600}");
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    issuedSince.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
                }

                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    return (Core.Protocol.CommandEnvelope?)await Gateway.Issued.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            },
            command => command is not null,
            "a command pushed to the gateway again",
            TimeSpan.FromSeconds(60));
        Assert.Contains(pushed!.Id, issuedSince);
    }
}
