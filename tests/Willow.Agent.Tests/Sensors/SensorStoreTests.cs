using Willow.Agent.Capabilities.Sensors;
using Willow.Core.Readings;
using Willow.Testing;

namespace Willow.Agent.Tests.Sensors;

public sealed class SensorStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("sensor-store");

    private string StorePath => _directory.File("sensors.db");

    [Fact]
    public void After_PagingWhileReadingsArrive_GivesEveryReadingOnceInOrder()
    {
        using var store = new SensorStore(StorePath);
        for (var i = 0; i < 7; i++)
        {
            store.Append(Metrics.Temperature, 20 + i, Start.AddMinutes(i));
        }

        var seen = new List<long>();
        var cursor = 0L;
        for (var round = 0; round < 6; round++)
        {
            var page = store.After(cursor, limit: 3);
            seen.AddRange(page.Select(r => r.Sequence));
            cursor = page.Count > 0 ? page[^1].Sequence : cursor;
            store.Append(Metrics.Motion, round % 2, Start.AddHours(1).AddMinutes(round));
        }

        seen.AddRange(store.After(cursor, limit: 100).Select(r => r.Sequence));
        Assert.Equal(13, seen.Count);
        Assert.Equal(seen.Distinct().Order(), seen);
    }

    [Fact]
    public void Append_ReadingsOfOneInstant_ShareTheTimeAndGetTimeOrderedIds()
    {
        using var store = new SensorStore(StorePath);
        var readings = store.Append([(Metrics.Temperature, 21.4), (Metrics.Humidity, 44.8)], Start);

        Assert.Equal([1L, 2L], readings.Select(r => r.Sequence));
        Assert.All(readings, r => Assert.Equal(Start, r.At));
        Assert.All(readings, r => Assert.Equal(7, r.Id.Version));
        Assert.All(readings, r => Assert.Equal(Start.ToUnixTimeMilliseconds(), UnixMillisecondsOf(r.Id)));
    }

    [Fact]
    public void Readings_SurviveReopening_AndSequenceContinues()
    {
        using (var store = new SensorStore(StorePath))
        {
            store.Append(Metrics.BowlWeight, 212.5, Start);
            store.Append(Metrics.BowlWeight, 198.0, Start.AddSeconds(30));
        }

        using var reopened = new SensorStore(StorePath);
        var next = reopened.Append(Metrics.BowlWeight, 180.5, Start.AddMinutes(1));

        Assert.Equal([212.5, 198.0, 180.5], reopened.After(0, 10).Select(r => r.Value));
        Assert.Equal(3, next.Sequence);
    }

    [Fact]
    public void Prune_EveryReading_SequenceIsNeverGivenAgain()
    {
        using var store = new SensorStore(StorePath);
        store.Append(Metrics.Motion, 1, Start);
        store.Append(Metrics.Motion, 0, Start.AddSeconds(20));

        Assert.Equal(2, store.Prune(Start.AddDays(8)));
        Assert.Equal(2, store.LastSequence());
        Assert.Equal(3, store.Append(Metrics.Motion, 1, Start.AddDays(8)).Sequence);
    }

    [Fact]
    public void Prune_KeepsReadingsNewerThanTheCutoff()
    {
        using var store = new SensorStore(StorePath);
        store.Append(Metrics.Temperature, 20, Start);
        store.Append(Metrics.Temperature, 21, Start.AddDays(7));

        Assert.Equal(1, store.Prune(Start.AddDays(1)));
        Assert.Equal([21.0], store.After(0, 10).Select(r => r.Value));
    }

    [Fact]
    public void BowlZero_SurvivesReopening_TheLatestTareWins()
    {
        using (var store = new SensorStore(StorePath))
        {
            Assert.Null(store.LoadBowlZero());
            store.SaveBowlZero(new BowlZero(84_512, Start));
            store.SaveBowlZero(new BowlZero(84_730.5, Start.AddDays(1)));
        }

        using var reopened = new SensorStore(StorePath);
        Assert.Equal(new BowlZero(84_730.5, Start.AddDays(1)), reopened.LoadBowlZero());
    }

    [Fact]
    public async Task NextAppend_CompletesWhenAReadingIsStored()
    {
        using var store = new SensorStore(StorePath);
        var next = store.NextAppend;
        Assert.False(next.IsCompleted);

        store.Append(Metrics.Motion, 1, Start);

        await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(store.NextAppend.IsCompleted);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>RFC 9562: a UUIDv7 begins with the 48-bit Unix time in milliseconds.</summary>
    private static long UnixMillisecondsOf(Guid id)
    {
        var text = id.ToString("N");
        return Convert.ToInt64(text[..12], 16);
    }
}
