using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Willow.Agent.Capabilities.Sensors;
using Willow.Core.Protocol;
using Willow.Core.Readings;
using Willow.Testing;

namespace Willow.Agent.Tests.Sensors;

/// <summary>The readings endpoint's cursor and long-poll, called directly on a fake clock.</summary>
public sealed class ReadingEndpointsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("readings-api");
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SensorStore _store;

    public ReadingEndpointsTests()
    {
        _store = new SensorStore(_directory.File("sensors.db"));
        _store.Append([(Metrics.Temperature, 21.2), (Metrics.Humidity, 44.9)], Start);
    }

    [Fact]
    public async Task LongPoll_ReadingStoredWhileWaiting_ReturnsAtOnceWithIt()
    {
        var request = GetAsync(after: 2, wait: 20);
        Assert.False(request.IsCompleted);

        _store.Append(Metrics.Motion, 1, Start);
        var page = await PageOf(request);

        Assert.Equal(3, Assert.Single(page.Readings).Sequence);
        Assert.Equal(3, page.Next);
        Assert.Equal(Start, _time.GetUtcNow());
    }

    [Fact]
    public async Task LongPoll_NothingArrives_AnswersEmptyWhenTheWaitIsOver()
    {
        var request = GetAsync(after: 2, wait: 10);
        _time.Advance(TimeSpan.FromSeconds(9.9));
        await Task.Delay(100);
        Assert.False(request.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        var page = await PageOf(request);

        Assert.Empty(page.Readings);
        Assert.Equal(2, page.Next);
    }

    [Fact]
    public async Task NoWait_NothingNew_AnswersEmptyAtOnce()
    {
        var page = await PageOf(GetAsync(after: 2, wait: null));

        Assert.Empty(page.Readings);
        Assert.Equal(2, page.Next);
    }

    [Fact]
    public async Task Cursor_PagesThroughOldestFirst_AndNextIsTheLastSequenceGiven()
    {
        _store.Append(Metrics.BowlWeight, 250, Start.AddSeconds(30));

        var first = await PageOf(GetAsync(after: 0, wait: null, limit: 2));
        var second = await PageOf(GetAsync(after: first.Next, wait: 5));

        Assert.Equal([Metrics.Temperature, Metrics.Humidity], first.Readings.Select(r => r.Metric));
        Assert.Equal(2, first.Next);
        Assert.Equal(Metrics.BowlWeight, Assert.Single(second.Readings).Metric);
        Assert.Equal(3, second.Next);
        Assert.Equal("kitchen-sensors", second.DeviceId);
    }

    [Fact]
    public async Task Cursor_AheadOfThisBoard_StartsAgainFromItsLastSequence()
    {
        // The gateway remembers sequence 9000 from before the board's SD card was replaced.
        var page = await PageOf(GetAsync(after: 9000, wait: 20));

        Assert.Empty(page.Readings);
        Assert.Equal(2, page.Next);
    }

    [Theory]
    [InlineData(-1L, null, null, "after")]
    [InlineData(0L, 0, null, "limit")]
    [InlineData(0L, 1001, null, "limit")]
    [InlineData(0L, null, 31, "wait")]
    [InlineData(0L, null, -1, "wait")]
    public async Task BadQuery_AnswersValidationProblemNamingTheField(long after, int? limit, int? wait, string field)
    {
        var result = await ReadingEndpoints.GetReadingsAsync(after, limit, wait, _store, Agent(), _time, new RunningHost(), default);

        var problem = Assert.IsType<ValidationProblem>(result.Result);
        Assert.Contains(field, problem.ProblemDetails.Errors.Keys);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    private static Microsoft.Extensions.Options.IOptions<AgentOptions> Agent() =>
        Microsoft.Extensions.Options.Options.Create(new AgentOptions { DeviceId = "kitchen-sensors" });

    private static async Task<ReadingPage> PageOf(Task<Results<Ok<ReadingPage>, ValidationProblem>> request)
    {
        var result = await request.WaitAsync(TimeSpan.FromSeconds(10));
        return Assert.IsType<Ok<ReadingPage>>(result.Result).Value!;
    }

    private Task<Results<Ok<ReadingPage>, ValidationProblem>> GetAsync(long after, int? wait, int? limit = null) =>
        ReadingEndpoints.GetReadingsAsync(after, limit, wait, _store, Agent(), _time, new RunningHost(), default);

    /// <summary>A host that is neither starting nor stopping.</summary>
    private sealed class RunningHost : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
