using Microsoft.Extensions.Time.Testing;
using Willow.Agent.Capabilities.Sensors;

namespace Willow.Agent.Tests.Sensors;

/// <summary>The simulated twins over simulated days: values a dashboard would believe.</summary>
public sealed class SimulatedSensorsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Climate_OverAWeek_StaysARoomAround21DegreesAnd45Percent()
    {
        var time = new FakeTimeProvider(Start);
        var room = new SimulatedClimate(time, new Random(7));
        var readings = new List<ClimateReading>();
        for (var minute = 0; minute < 7 * 24 * 60; minute++)
        {
            Assert.True(room.TryRead(out var reading));
            readings.Add(reading);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.All(readings, r => Assert.InRange(r.TemperatureCelsius, 18, 24));
        Assert.All(readings, r => Assert.InRange(r.HumidityPercent, 35, 55));
        Assert.InRange(readings.Average(r => r.TemperatureCelsius), 20.5, 21.5);
        Assert.InRange(readings.Average(r => r.HumidityPercent), 43, 47);

        // Noisy, but a minute apart the room has not jumped.
        Assert.True(readings.Select(r => r.TemperatureCelsius).Distinct().Count() > 20);
        Assert.All(readings.Zip(readings.Skip(1)), p => Assert.InRange(Math.Abs(p.First.TemperatureCelsius - p.Second.TemperatureCelsius), 0, 1));
    }

    [Fact]
    public void Bowl_OverTwoDays_EmptiesInMouthfulsAndIsRefilled()
    {
        var time = new FakeTimeProvider(Start);
        var bowl = new SimulatedBowl(time, gramsPerCount: 0.5, new Random(11));
        var food = new List<double>();
        for (var step = 0; step < 2 * 24 * 60 * 12; step++)
        {
            Assert.True(bowl.TryReadCounts(out var counts));
            Assert.InRange(counts * 0.5, bowl.FoodGrams - 5, bowl.FoodGrams + 5);
            food.Add(bowl.FoodGrams);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        // Mouthfuls are at least 5 s apart, so each 5 s step sees at most one.
        var changes = food.Zip(food.Skip(1), (before, after) => after - before).Where(d => d != 0).ToList();
        Assert.All(food, f => Assert.InRange(f, 0, SimulatedBowl.FullGrams));
        Assert.Contains(changes, d => d < 0);
        Assert.All(changes.Where(d => d < 0), d => Assert.InRange(-d, 6, 15));
        Assert.Contains(changes, d => d > 0);
        Assert.InRange(changes.Count(d => d > 0), 2, 12);
    }

    [Fact]
    public void Motion_OverADay_ComesInShortEpisodes()
    {
        var time = new FakeTimeProvider(Start);
        using var motion = new SimulatedMotion(time, new Random(5));
        var edges = new List<(bool Detected, DateTimeOffset At)>();
        motion.MotionChanged += detected => edges.Add((detected, time.GetUtcNow()));

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(edges);
        motion.Start();
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.InRange(edges.Count, 40, 400);
        Assert.All(edges.Select((e, i) => e.Detected == (i % 2 == 0)), Assert.True);
        var episodes = edges.Chunk(2).Where(p => p.Length == 2).Select(p => p[1].At - p[0].At).ToList();
        Assert.All(episodes, e => Assert.InRange(e, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60)));
    }
}
