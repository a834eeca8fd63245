using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Readings;
using Willow.Core.Security;
using Willow.Testing;

namespace Willow.Agent.Tests.Sensors;

/// <summary>A real agent with simulated sensors on a loopback port, called as the gateway calls it.</summary>
public sealed class SensorsApiTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("sensors-api");
    private readonly string _homeKey = HomeKey.Generate();
    private AgentHost _agent = null!;

    private static Dictionary<string, string?> Settings => new()
    {
        ["Sensors:Climate"] = "simulated",
        ["Sensors:Scale"] = "simulated",
        // Long intervals: after the first readings at start, nothing comes unless a test makes it.
        ["Sensors:ClimateInterval"] = "01:00:00",
        ["Sensors:BowlInterval"] = "01:00:00",
    };

    public async ValueTask InitializeAsync() => _agent = await StartAgentAsync();

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task LongPoll_TareDuringTheWait_AnswersWithTheZeroReadingAtOnce()
    {
        using var client = SignedClients.For(_agent.Url, _homeKey);
        var first = await ReadingsWhenAsync(client, 0, page => page.Readings.Count >= 3);

        var watch = Stopwatch.StartNew();
        var poll = client.GetFromJsonAsync($"{AgentRoutes.Readings}?after={first.Next}&wait=20", WillowJsonContext.Default.ReadingPage);
        await Task.Delay(300);
        Assert.False(poll.IsCompleted);
        using var tare = await client.PostAsJsonAsync(AgentRoutes.Actuations, Tare(), WillowJsonContext.Default.ActuationRequest);
        var page = (await poll)!;

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var reading = Assert.Single(page.Readings);
        Assert.Equal(Metrics.BowlWeight, reading.Metric);
        // The zero and the reading each carry about a gram of simulated noise: ±10 g is "empty", 300 g is not.
        Assert.InRange(reading.Value, -10, 10);
        Assert.Equal(reading.Sequence, page.Next);
    }

    [Fact]
    public async Task Readings_SurviveAnAgentRestart_AndNewOnesFollowThem()
    {
        using (var client = SignedClients.For(_agent.Url, _homeKey))
        {
            var before = await ReadingsWhenAsync(client, 0, page => page.Readings.Count >= 3);
            await _agent.DisposeAsync();

            _agent = await StartAgentAsync();
            using var again = SignedClients.For(_agent.Url, _homeKey);
            var after = await ReadingsWhenAsync(again, 0, page => page.Readings.Count >= 6);

            Assert.Equal(before.Readings.Take(3).Select(r => r.Id), after.Readings.Take(3).Select(r => r.Id));
            Assert.True(after.Readings[3].Sequence > before.Readings[2].Sequence);
        }
    }

    [Fact]
    public async Task Tare_SurvivesAnAgentRestart()
    {
        using var client = SignedClients.For(_agent.Url, _homeKey);
        using var tare = await client.PostAsJsonAsync(AgentRoutes.Actuations, Tare(), WillowJsonContext.Default.ActuationRequest);
        var tared = await tare.Content.ReadFromJsonAsync(WillowJsonContext.Default.ActuationOutcome);
        Assert.Equal(CommandState.Succeeded, tared!.State);
        await _agent.DisposeAsync();

        // The simulated bowl starts full again, but the zero is the one the tare took: it reads about 0 g, not 300 g.
        _agent = await StartAgentAsync();
        using var again = SignedClients.For(_agent.Url, _homeKey);
        var page = await ReadingsWhenAsync(again, 0, p => p.Readings.Count(r => r.Metric == Metrics.BowlWeight) >= 3);

        Assert.InRange(page.Readings.Last(r => r.Metric == Metrics.BowlWeight).Value, -10, 10);
    }

    [Fact]
    public async Task Info_SensorsBoard_ListsWhatItMeasures()
    {
        using var client = SignedClients.For(_agent.Url, _homeKey);
        var info = await client.GetFromJsonAsync(AgentRoutes.Info, WillowJsonContext.Default.AgentInfo);

        Assert.Equal([Capability.Sensors], info!.Capabilities);
        Assert.Equal([Metrics.Temperature, Metrics.Humidity, Metrics.BowlWeight], info.Metrics);
    }

    [Fact]
    public async Task Readings_Unsigned_Refused401()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_agent.Url + "/") };
        using var response = await client.GetAsync(AgentRoutes.Readings);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("limit=5000")]
    [InlineData("wait=60")]
    [InlineData("after=soon")]
    public async Task Readings_BadQuery_Answers400Problem(string query)
    {
        using var client = SignedClients.For(_agent.Url, _homeKey);
        using var response = await client.GetAsync($"{AgentRoutes.Readings}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static ActuationRequest Tare() => new(
        Guid.CreateVersion7(), CommandKinds.Tare, JsonElement.Parse("{}"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1));

    private static Task<ReadingPage> ReadingsWhenAsync(HttpClient client, long after, Func<ReadingPage, bool> done) =>
        Eventually.WaitAsync(
            async () => (await client.GetFromJsonAsync($"{AgentRoutes.Readings}?after={after}", WillowJsonContext.Default.ReadingPage))!,
            done,
            "the readings");

    private Task<AgentHost> StartAgentAsync() =>
        AgentHost.StartAsync(_directory.Path, "kitchen-sensors", Capability.Sensors, _homeKey, Settings);
}
