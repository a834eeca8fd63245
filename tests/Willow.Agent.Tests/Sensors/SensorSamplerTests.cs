using System.Device.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Willow.Agent.Capabilities.Sensors;
using Willow.Core.Protocol;
using Willow.Core.Readings;
using Willow.Testing;

namespace Willow.Agent.Tests.Sensors;

/// <summary>The sampler on a fake clock: what it stores, and when.</summary>
public sealed class SensorSamplerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("sampler");
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SensorStore _store;

    public SensorSamplerTests()
    {
        _store = new SensorStore(_directory.File("sensors.db"));
    }

    [Fact]
    public async Task Sampler_StoresTheClimateEveryMinuteAndTheBowlEveryHalfMinute()
    {
        var scale = new BowlScale(new SimulatedBowl(_time, 1, new Random(2)), _store, 1, configuredZeroCounts: 0);
        using var board = new SensorBoard(new SimulatedClimate(_time, new Random(1)), scale, null, []);
        using var sampler = Sampler(board);

        await sampler.StartAsync(default);
        await ReadingsAsync(3);
        for (var step = 1; step <= 4; step++)
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            await ReadingsAsync(3 + step + (step / 2 * 2));
        }

        await sampler.StopAsync(default);

        var readings = _store.After(0, 100);
        Assert.Equal(Minutes(0, 1, 2), Times(readings, Metrics.Temperature));
        Assert.Equal(Minutes(0, 1, 2), Times(readings, Metrics.Humidity));
        Assert.Equal(Minutes(0, 0.5, 1, 1.5, 2), Times(readings, Metrics.BowlWeight));
    }

    [Fact]
    public async Task Sampler_MotionEdges_StoredAsOneThenZeroAtTheEdgesTimes_OnEmulatedGpio()
    {
        var gpio = new EmulatedGpioDriver();
        using var controller = new GpioController(gpio);
        using var board = new SensorBoard(null, null, new PirMotionSensor(() => controller, 17), []);
        using var sampler = Sampler(board);
        await sampler.StartAsync(default);
        await Eventually.WaitAsync(() => gpio.CallbackCount == 2, "the PIR's pin to be watched");

        _time.Advance(TimeSpan.FromSeconds(5));
        gpio.Drive(17, PinValue.High);
        _time.Advance(TimeSpan.FromSeconds(12));
        gpio.Drive(17, PinValue.Low);
        var readings = await ReadingsAsync(2);
        await sampler.StopAsync(default);

        Assert.Equal([1.0, 0.0], readings.Select(r => r.Value));
        Assert.Equal([Start.AddSeconds(5), Start.AddSeconds(17)], readings.Select(r => r.At));
        Assert.All(readings, r => Assert.Equal(Metrics.Motion, r.Metric));
    }

    [Fact]
    public async Task Sampler_MotionAlreadyOnAtStart_StoresItOnce_OnEmulatedGpio()
    {
        var gpio = new EmulatedGpioDriver();
        gpio.Drive(17, PinValue.High);
        using var controller = new GpioController(gpio);
        using var board = new SensorBoard(null, null, new PirMotionSensor(() => controller, 17), []);
        using var sampler = Sampler(board);

        await sampler.StartAsync(default);
        var readings = await ReadingsAsync(1);
        await sampler.StopAsync(default);

        Assert.Equal(1.0, Assert.Single(readings).Value);
    }

    [Fact]
    public async Task Sampler_ClimateReadMissed_TriedAgainAfterTheDhtInterval_OnSensorThatMissesReads()
    {
        var sensor = new SensorThatMissesReads(misses: 2);
        using var board = new SensorBoard(sensor, null, null, []);
        using var sampler = Sampler(board);

        await sampler.StartAsync(default);
        await Eventually.WaitAsync(() => sensor.Attempts == 1, "the first attempt");
        _time.Advance(TimeSpan.FromSeconds(2.5));
        await Eventually.WaitAsync(() => sensor.Attempts == 2, "the second attempt");
        _time.Advance(TimeSpan.FromSeconds(2.5));
        var readings = await ReadingsAsync(2);
        await sampler.StopAsync(default);

        Assert.Equal([20.5, 41.0], readings.Select(r => r.Value));
        Assert.All(readings, r => Assert.Equal(Start.AddSeconds(5), r.At));
    }

    [Fact]
    public async Task Sampler_BoardWithoutGpio_KeepsReadingTheOtherSensors()
    {
        // No libgpiod on this board: the controller cannot be made, as `new GpioController()` fails there.
        static GpioController NoGpio() => throw new InvalidOperationException("libgpiod is not installed");
        var scale = new BowlScale(new Hx711LoadCell(NoGpio, 5, 6, 3, _time), _store, 1, configuredZeroCounts: 0);
        using var board = new SensorBoard(new SimulatedClimate(_time, new Random(1)), scale, new PirMotionSensor(NoGpio, 17), []);
        using var sampler = Sampler(board);

        await sampler.StartAsync(default);
        await ReadingsAsync(2);
        _time.Advance(TimeSpan.FromMinutes(1));
        var readings = await ReadingsAsync(4);
        await sampler.StopAsync(default);

        Assert.All(readings, r => Assert.Contains(r.Metric, new[] { Metrics.Temperature, Metrics.Humidity }));
        Assert.False(sampler.ExecuteTask!.IsFaulted);
    }

    [Fact]
    public async Task Sampler_AtStart_RemovesReadingsOlderThanTheRetention()
    {
        _store.Append(Metrics.Temperature, 19, Start - TimeSpan.FromDays(8));
        _store.Append(Metrics.Temperature, 20, Start - TimeSpan.FromDays(6));
        using var board = new SensorBoard(null, null, new SimulatedMotion(_time, new Random(3)), []);
        using var sampler = Sampler(board);

        await sampler.StartAsync(default);
        await Eventually.WaitAsync(() => _store.After(0, 10).Count == 1, "the old reading to be removed");
        await sampler.StopAsync(default);

        Assert.Equal(20, Assert.Single(_store.After(0, 10)).Value);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    private static DateTimeOffset[] Minutes(params double[] minutes) => [.. minutes.Select(m => Start.AddMinutes(m))];

    private static DateTimeOffset[] Times(IEnumerable<SensorReading> readings, string metric) =>
        [.. readings.Where(r => r.Metric == metric).Select(r => r.At)];

    private SensorSampler Sampler(SensorBoard board) => new(
        board,
        _store,
        Microsoft.Extensions.Options.Options.Create(new SensorsOptions()),
        _time,
        NullLogger<SensorSampler>.Instance);

    private Task<IReadOnlyList<SensorReading>> ReadingsAsync(int count) =>
        Eventually.WaitAsync(() => Task.FromResult(_store.After(0, 100)), r => r.Count >= count, $"{count} readings");

    private sealed class SensorThatMissesReads(int misses) : IClimateSensor
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public string Description => "a DHT22 that misses reads";

        public bool TryRead(out ClimateReading reading)
        {
            reading = new ClimateReading(20.5, 41);
            return Interlocked.Increment(ref _attempts) > misses;
        }
    }
}
