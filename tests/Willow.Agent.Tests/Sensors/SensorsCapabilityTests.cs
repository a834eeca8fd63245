using System.Device.Gpio;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Willow.Agent.Capabilities.Sensors;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Readings;
using Willow.Testing;

namespace Willow.Agent.Tests.Sensors;

/// <summary>The <c>tare</c> command through the actuation runner and its journal.</summary>
public sealed class SensorsCapabilityTests : IDisposable
{
    private const int Dout = 5;
    private const int Sck = 6;

    private readonly TempDirectory _directory = new("sensors-capability");
    private readonly EmulatedGpioDriver _gpio = new();
    private readonly GpioController _controller;
    private readonly SensorStore _store;

    public SensorsCapabilityTests()
    {
        _controller = new GpioController(_gpio);
        _store = new SensorStore(_directory.File("sensors.db"));
    }

    [Fact]
    public async Task Tare_BoardWithoutScale_RefusedWithTheReason()
    {
        using var board = new SensorBoard(new SimulatedClimate(TimeProvider.System, new Random(1)), null, null, []);
        using var f = new RunnerFixture(capability: Capability(board, TimeProvider.System));

        var outcome = await f.Runner.RunAsync(Tare(f), default);

        Assert.Equal(CommandState.Refused, outcome.State);
        Assert.Contains("no bowl scale", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tare_EmptyBowlOn_ZeroesDurablyAndStoresAZeroReading_OnEmulatedHx711()
    {
        using var f = new RunnerFixture();
        var chip = new EmulatedHx711(Dout, Sck, f.Time) { RawValue = 84_000 };
        _gpio.Attach(chip, Dout, Sck);
        using var cell = new Hx711LoadCell(() => _controller, Dout, Sck, samples: 3, f.Time);
        using var board = new SensorBoard(null, new BowlScale(cell, _store, 1 / 420.0, null), null, []);
        f.Reopen(Capability(board, f.Time));

        var outcome = await f.Runner.RunAsync(Tare(f), default);

        Assert.Equal(CommandState.Succeeded, outcome.State);
        Assert.Equal("Zeroed the bowl scale with the empty bowl on it; it now reads 0 g.", outcome.Detail);
        Assert.Equal(84_000, _store.LoadBowlZero()!.Counts);
        var reading = Assert.Single(_store.After(0, 10));
        Assert.Equal((Metrics.BowlWeight, 0.0), (reading.Metric, reading.Value));
    }

    [Fact]
    public async Task Tare_ScaleSilent_FailedAndNothingZeroed_OnEmulatedHx711()
    {
        using var f = new RunnerFixture();
        var chip = new EmulatedHx711(Dout, Sck, f.Time) { Answering = false };
        _gpio.Attach(chip, Dout, Sck);
        using var cell = new Hx711LoadCell(() => _controller, Dout, Sck, samples: 3, f.Time);
        using var board = new SensorBoard(null, new BowlScale(cell, _store, 1 / 420.0, null), null, []);
        f.Reopen(Capability(board, f.Time));

        var outcome = await f.Runner.RunAsync(Tare(f), default);

        Assert.Equal(CommandState.Failed, outcome.State);
        Assert.Contains("did not answer", outcome.Detail, StringComparison.Ordinal);
        Assert.Null(_store.LoadBowlZero());
    }

    [Fact]
    public async Task Tare_BoardWithoutGpio_FailedNotUncertain()
    {
        using var f = new RunnerFixture();
        static GpioController NoGpio() => throw new InvalidOperationException("libgpiod is not installed");
        using var cell = new Hx711LoadCell(NoGpio, Dout, Sck, samples: 3, f.Time);
        using var board = new SensorBoard(null, new BowlScale(cell, _store, 1 / 420.0, null), null, []);
        f.Reopen(Capability(board, f.Time));

        var outcome = await f.Runner.RunAsync(Tare(f), default);

        Assert.Equal(CommandState.Failed, outcome.State);
        Assert.Contains("libgpiod is not installed", outcome.Detail, StringComparison.Ordinal);
        Assert.Null(_store.LoadBowlZero());
    }

    public void Dispose()
    {
        _store.Dispose();
        _controller.Dispose();
        _directory.Dispose();
    }

    private static ActuationRequest Tare(RunnerFixture f) => new(
        Guid.CreateVersion7(f.Time.GetUtcNow()), CommandKinds.Tare, JsonElement.Parse("{}"), f.Time.GetUtcNow(), f.Time.GetUtcNow().AddMinutes(1));

    private SensorsCapability Capability(SensorBoard board, TimeProvider time) =>
        new(board, _store, time, NullLogger<SensorsCapability>.Instance);
}
