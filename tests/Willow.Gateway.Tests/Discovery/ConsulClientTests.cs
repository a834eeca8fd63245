using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Willow.Gateway.Discovery.Consul;
using Willow.Hosting.Consul;
using Willow.Testing;

namespace Willow.Gateway.Tests.Discovery;

/// <summary>The thin Consul client and the gateway's blocking-query loop: index handling, the token, the payload.</summary>
public sealed class ConsulClientTests
{
    [Theory]
    [InlineData(0UL, 7UL, 7UL)]    // the first answer gives the index to wait on
    [InlineData(7UL, 7UL, 7UL)]    // the wait ran out: same index, wait again
    [InlineData(7UL, 9UL, 9UL)]    // a change
    [InlineData(9UL, 4UL, 0UL)]    // went backwards (a restored snapshot): start over without an index
    [InlineData(0UL, 0UL, 1UL)]    // never wait on 0: it returns at once, every time
    public void NextIndex_FollowsConsulsRules(ulong sent, ulong returned, ulong next) =>
        Assert.Equal(next, ConsulIndex.Next(sent, returned));

    [Fact]
    public async Task Register_SendsTheKeysConsulDocuments_WithGoDurations()
    {
        await using var consul = await ConsulEmulation.StartAsync();
        var client = Client(consul.Url);

        await client.RegisterAsync(
            new ConsulServiceRegistration(
                "willow-agent-speaker", "willow-agent", "192.168.1.21", 5081, ["speaker"],
                new Dictionary<string, string> { ["device_id"] = "speaker", ["version"] = "1.0.0" },
                new ConsulHttpCheck("http://192.168.1.21:5081/health/ready", ConsulDuration.Format(TimeSpan.FromSeconds(10)),
                    ConsulDuration.Format(TimeSpan.FromSeconds(5)), ConsulDuration.Format(TimeSpan.FromMinutes(1)))),
            CancellationToken.None);

        using var body = JsonDocument.Parse(consul.Service("willow-agent-speaker")!.Body);
        var root = body.RootElement;
        Assert.Equal(["ID", "Name", "Address", "Port", "Tags", "Meta", "Check"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(5081, root.GetProperty("Port").GetInt32());
        Assert.Equal("speaker", root.GetProperty("Meta").GetProperty("device_id").GetString());
        var check = root.GetProperty("Check");
        Assert.Equal("http://192.168.1.21:5081/health/ready", check.GetProperty("HTTP").GetString());
        Assert.Equal("10s", check.GetProperty("Interval").GetString());
        Assert.Equal("5s", check.GetProperty("Timeout").GetString());
        Assert.Equal("60s", check.GetProperty("DeregisterCriticalServiceAfter").GetString());
    }

    [Fact]
    public async Task Token_IsSentAsXConsulToken_AndConsulsRefusalsSayWhy()
    {
        await using var consul = await ConsulEmulation.StartAsync(new ConsulEmulationOptions
        {
            AclTokens = new Dictionary<string, ConsulEmulationRights> { ["reader"] = ConsulEmulationRights.ServiceRead },
        });

        await Client(consul.Url, "reader").PassingAsync("willow-agent", 0, TimeSpan.FromSeconds(1), CancellationToken.None);
        var unknown = await Assert.ThrowsAsync<HttpRequestException>(() => Client(consul.Url, "stranger").PassingAsync("willow-agent", 0, TimeSpan.FromSeconds(1), CancellationToken.None));
        var readOnly = await Assert.ThrowsAsync<HttpRequestException>(() => Client(consul.Url, "reader").DeregisterAsync("willow-agent-speaker", CancellationToken.None));

        Assert.Equal("reader", consul.Requests[0].Token);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Contains("ACL not found", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Contains("Permission denied", readOnly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlockingQuery_ReturnsOnAChangeWithAHigherIndex_OrAfterTheWaitWithTheSame()
    {
        await using var consul = await ConsulEmulation.StartAsync();
        var client = Client(consul.Url);
        var first = await client.PassingAsync("willow-agent", 0, TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.True(first.Index > 0);

        var watch = Stopwatch.StartNew();
        var unchanged = await client.PassingAsync("willow-agent", first.Index, TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Equal(first.Index, unchanged.Index);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1.5)); // the wait and at most 1/16 of jitter

        var blocked = client.PassingAsync("willow-agent", first.Index, TimeSpan.FromMinutes(5), CancellationToken.None);
        await Task.Delay(200);
        Assert.False(blocked.IsCompleted);
        await client.RegisterAsync(
            new ConsulServiceRegistration("willow-agent-x", "willow-agent", "127.0.0.1", 1, [], new Dictionary<string, string>(),
                new ConsulHttpCheck("http://127.0.0.1:1/health/ready", "10s", "1s", "60s")),
            CancellationToken.None);
        var changed = await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(changed.Index > first.Index);
        Assert.Empty(changed.Entries); // registered, but critical until its check passes: ?passing leaves it out
    }

    [Fact]
    public async Task Directory_WhenConsulReturnsEarlyWithTheSameIndex_DoesNotLoopHot()
    {
        // Emulates the documented case "the return of a blocking request is no guarantee of a change": every
        // answer comes at once, with the same index.
        var handler = new ScriptedConsul(_ => 42);
        using var directory = Directory(handler);
        await directory.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await directory.StopAsync(CancellationToken.None);

        Assert.InRange(handler.Requests.Count, 2, 4);
        Assert.DoesNotContain("index=", handler.Requests[0], StringComparison.Ordinal);
        Assert.All(handler.Requests.Skip(1), r => Assert.Contains("index=42&wait=", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Directory_WhenTheIndexGoesBackwards_AsksAgainWithoutOne()
    {
        var handler = new ScriptedConsul(n => n switch { 0 => 10UL, 1 => 3UL, _ => 11UL });
        using var directory = Directory(handler);
        await directory.StartAsync(CancellationToken.None);
        await Eventually.WaitAsync(() => handler.Requests.Count >= 4, "four queries");
        await directory.StopAsync(CancellationToken.None);

        Assert.DoesNotContain("index=", handler.Requests[0], StringComparison.Ordinal);
        Assert.Contains("index=10&", handler.Requests[1], StringComparison.Ordinal);
        Assert.DoesNotContain("index=", handler.Requests[2], StringComparison.Ordinal);
        Assert.Contains("index=11&", handler.Requests[3], StringComparison.Ordinal);
    }

    private static ConsulClient Client(string address, string? token = null, HttpMessageHandler? handler = null) =>
        new(new HttpClient(handler ?? new HttpClientHandler()) { Timeout = Timeout.InfiniteTimeSpan },
            Options.Create(new ConsulOptions { Address = address, Token = token, Wait = TimeSpan.FromSeconds(30) }));

    private static ConsulAgentDirectory Directory(ScriptedConsul handler) =>
        new(Client("http://consul.invalid:8500", null, handler), Options.Create(new ConsulOptions { Wait = TimeSpan.FromSeconds(30) }),
            TimeProvider.System, NullLogger<ConsulAgentDirectory>.Instance);

    /// <summary>Answers every health query at once with no instances and the index the script gives for the n-th request.</summary>
    private sealed class ScriptedConsul(Func<int, ulong> index) : HttpMessageHandler
    {
        private readonly List<string> _requests = [];

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int n;
            lock (_requests)
            {
                n = _requests.Count;
                _requests.Add(request.RequestUri!.PathAndQuery);
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]", Encoding.UTF8, "application/json") };
            response.Headers.Add("X-Consul-Index", index(n).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Task.FromResult(response);
        }
    }
}
