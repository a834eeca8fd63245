using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Willow.Hub.Nodes;
using Willow.Hub.Storage.Redis;
using Willow.Testing;

namespace Willow.Hub.Tests.Nodes;

/// <summary>Two hub nodes (in this process) on the run's real Redis, sharing one key prefix as one deployment.</summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("two-nodes");
    private HubHost _nodeA = null!;
    private HubHost _nodeB = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "redis",
            ["Storage:Redis"] = await RedisServer.SharedAsync(),
            ["Storage:RedisPrefix"] = RedisServer.NewPrefix("two-nodes"),
        };
        var identity = HubHost.NewIdentity(_directory.Path);
        _nodeA = await HubHost.StartAsync(identity, settings: settings);
        _nodeB = await HubHost.StartAsync(identity, settings: settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task GatewayRevokedOnNodeA_ItsConnectionOnNodeBClosesAtOnce()
    {
        await using var gateway = await TestGateway.ConnectAsync(_nodeB);

        using var owner = _nodeA.OwnerClient();
        using var revoked = await owner.PostAsync($"api/v1/households/{_nodeA.HouseholdId}/gateways/{HubHost.GatewayId}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        await gateway.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<Exception>(() => TestGateway.ConnectAsync(_nodeB));
    }

    [Fact]
    public async Task JobLease_OneNodeRunsTheJob_AnotherTakesOverWhenItStopsRenewing()
    {
        var storage = _nodeA.App.Services.GetRequiredService<RedisStorage>();
        var a = new RedisJobLease(storage, NullLogger<RedisJobLease>.Instance);
        var b = new RedisJobLease(storage, NullLogger<RedisJobLease>.Instance);
        var lease = TimeSpan.FromMilliseconds(400);
        var job = $"test-{Guid.NewGuid():N}";

        Assert.True(await a.TryHoldAsync(job, lease, default));
        Assert.False(await b.TryHoldAsync(job, lease, default));
        await Task.Delay(250);
        Assert.True(await a.TryHoldAsync(job, lease, default));   // renewed: still A's past the first 400 ms
        await Task.Delay(250);
        Assert.False(await b.TryHoldAsync(job, lease, default));

        // A stops (it died): once its lease runs out, B takes the job and A does not get it back.
        await Eventually.WaitAsync(() => b.TryHoldAsync(job, lease, default), held => held, "B to take the job over", TimeSpan.FromSeconds(5));
        Assert.False(await a.TryHoldAsync(job, lease, default));
    }
}
