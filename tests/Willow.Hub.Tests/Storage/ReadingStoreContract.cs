using Willow.Core.Protocol;
using Willow.Core.Readings;
using Willow.Hub.Readings;

namespace Willow.Hub.Tests.Storage;

/// <summary>
/// What every reading store must do: keep each reading once however often it is sent, forget what is older
/// than the retention, list a span newest-limited but in time order, and keep households apart.
/// </summary>
public abstract class ReadingStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Home = Guid.Parse("0193a0a0-0000-7000-8000-00000000a001");
    private static readonly Guid NextDoor = Guid.Parse("0193a0a0-0000-7000-8000-00000000b002");
    private static readonly DateTimeOffset KeepAfter = Now.AddDays(-31);

    protected abstract IReadingStore CreateStore();

    private static SensorReading At(int minutesAgo, string metric, double value, long sequence = 0) =>
        new(Guid.CreateVersion7(Now.AddMinutes(-minutesAgo)), sequence, metric, value, Now.AddMinutes(-minutesAgo));

    [Fact]
    public async Task Add_TheSameBatchTwice_KeepsEachReadingOnce()
    {
        var store = CreateStore();
        SensorReading[] batch = [At(4, Metrics.Temperature, 21.4), At(3, Metrics.Humidity, 44.5), At(2, Metrics.Temperature, 21.5)];

        var first = await store.AddAsync(Home, "kitchen", batch, KeepAfter, default);
        var again = await store.AddAsync(Home, "kitchen", batch, KeepAfter, default);
        var listed = await store.ListAsync(Home, new ReadingQuery(Now.AddHours(-1), Now, null, null, 100), default);

        Assert.Equal(3, first.Count);
        Assert.Empty(again);
        Assert.Equal(3, listed.Count);
        Assert.Equal([21.4, 44.5, 21.5], listed.Select(r => r.Value));
        Assert.All(listed, r => Assert.Equal("kitchen", r.DeviceId));
    }

    [Fact]
    public async Task Add_DropsReadingsOlderThanTheRetention_AndTrimsOldOnes()
    {
        var store = CreateStore();
        var old = new SensorReading(Guid.CreateVersion7(Now.AddDays(-20)), 1, Metrics.BowlWeight, 300, Now.AddDays(-20));
        await store.AddAsync(Home, "bowl", [old], KeepAfter, default);

        // Later, the retention has moved past the old reading: adding a new one trims it.
        var added = await store.AddAsync(Home, "bowl", [At(1, Metrics.BowlWeight, 250), new(Guid.NewGuid(), 3, Metrics.BowlWeight, 999, Now.AddDays(-40))], Now.AddDays(-10), default);
        var listed = await store.ListAsync(Home, new ReadingQuery(Now.AddDays(-31), Now, "bowl", null, 100), default);

        Assert.Single(added);
        Assert.Equal([250.0], listed.Select(r => r.Value));
    }

    [Fact]
    public async Task List_FiltersByDeviceMetricAndSpan_AndReturnsTheLatestInTimeOrder()
    {
        var store = CreateStore();
        await store.AddAsync(Home, "kitchen", [.. Enumerable.Range(1, 10).Select(i => At(i, Metrics.Temperature, 20 + (i / 10.0), i))], KeepAfter, default);
        await store.AddAsync(Home, "kitchen", [At(5, Metrics.Humidity, 50)], KeepAfter, default);
        await store.AddAsync(Home, "hall", [At(5, Metrics.Motion, 1)], KeepAfter, default);

        var latestThree = await store.ListAsync(Home, new ReadingQuery(Now.AddHours(-1), Now, "kitchen", Metrics.Temperature, 3), default);
        var span = await store.ListAsync(Home, new ReadingQuery(Now.AddMinutes(-6), Now.AddMinutes(-4), null, null, 100), default);

        Assert.Equal([Now.AddMinutes(-3), Now.AddMinutes(-2), Now.AddMinutes(-1)], latestThree.Select(r => r.At));
        Assert.Equal([20.3, 20.2, 20.1], latestThree.Select(r => r.Value));
        Assert.Equal(
            [("hall", Metrics.Motion), ("kitchen", Metrics.Humidity), ("kitchen", Metrics.Temperature), ("kitchen", Metrics.Temperature)],
            span.Select(r => (r.DeviceId, r.Metric)).Order());
        Assert.DoesNotContain(span, r => r.At == Now.AddMinutes(-4));
    }

    [Fact]
    public async Task Latest_IsTheNewestOfEachDeviceAndMetric_AndHouseholdsAreApart()
    {
        var store = CreateStore();
        await store.AddAsync(Home, "kitchen", [At(9, Metrics.Temperature, 19), At(1, Metrics.Temperature, 22), At(4, Metrics.Humidity, 41)], KeepAfter, default);
        await store.AddAsync(NextDoor, "kitchen", [At(0, Metrics.Temperature, 30)], KeepAfter, default);

        var latest = await store.LatestAsync(Home, default);

        Assert.Equal([(Metrics.Humidity, 41.0), (Metrics.Temperature, 22.0)], latest.Select(r => (r.Metric, r.Value)).Order());
        Assert.Empty(await store.ListAsync(NextDoor, new ReadingQuery(Now.AddHours(-1), Now, "hall", null, 10), default));
        Assert.Equal([30.0], (await store.LatestAsync(NextDoor, default)).Select(r => r.Value));
    }

    [Fact]
    public async Task Add_FromTwoWritersAtOnce_KeepsEveryReadingOnce()
    {
        var store = CreateStore();
        var batch = Enumerable.Range(1, 50).Select(i => At(i, Metrics.Temperature, i, i)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.AddAsync(Home, "kitchen", batch, KeepAfter, default))));

        Assert.Equal(50, results.Sum(r => r.Count));
        Assert.Equal(50, (await store.ListAsync(Home, new ReadingQuery(Now.AddHours(-2), Now, null, null, 1000), default)).Count);
    }
}
