using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using Willow.Agent.Capabilities.Sensors;
using Willow.Testing;

namespace Willow.Agent.Tests.Sensors;

/// <summary>From HX711 counts to grams in the bowl: the tare's zero, the calibration, and a zero that outlives a restart.</summary>
public sealed class BowlScaleTests : IDisposable
{
    private const int Dout = 5;
    private const int Sck = 6;

    /// <summary>A 5 kg cell at gain 128 gives about 420 counts per gram.</summary>
    private const double GramsPerCount = 1 / 420.0;

    private static readonly DateTimeOffset Start = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("bowl-scale");
    private readonly FakeTimeProvider _time = new(Start);
    private readonly EmulatedGpioDriver _gpio = new();
    private readonly EmulatedHx711 _chip;
    private readonly GpioController _controller;

    public BowlScaleTests()
    {
        _chip = new EmulatedHx711(Dout, Sck, _time);
        _gpio.Attach(_chip, Dout, Sck);
        _controller = new GpioController(_gpio);
    }

    [Fact]
    public void Read_AfterTare_IsCountsAboveTheZeroTimesGramsPerCount_OnEmulatedHx711()
    {
        using var store = new SensorStore(_directory.File("sensors.db"));
        using var cell = Cell();
        var scale = new BowlScale(cell, store, GramsPerCount, configuredZeroCounts: null);

        _chip.RawValue = 84_000;
        Assert.True(scale.TryTare(Start, out var zero));
        _chip.RawValue = 84_000 + (250 * 420);

        Assert.Equal(84_000, zero);
        Assert.True(scale.TryReadBowlWeightGrams(out var grams));
        Assert.Equal(250, grams);
    }

    [Fact]
    public void Read_BelowTheZero_IsNegative_OnEmulatedHx711()
    {
        // The bowl was lifted off: the honest reading is less than empty.
        using var store = new SensorStore(_directory.File("sensors.db"));
        using var cell = Cell();
        var scale = new BowlScale(cell, store, GramsPerCount, configuredZeroCounts: 84_000);
        _chip.RawValue = 84_000 - (180 * 420);

        Assert.True(scale.TryReadBowlWeightGrams(out var grams));
        Assert.Equal(-180, grams);
    }

    [Fact]
    public void Read_NeverTaredAndNoConfiguredZero_GivesNoWeight_OnEmulatedHx711()
    {
        using var store = new SensorStore(_directory.File("sensors.db"));
        using var cell = Cell();
        var scale = new BowlScale(cell, store, GramsPerCount, configuredZeroCounts: null);
        _chip.RawValue = 90_000;

        Assert.Null(scale.ZeroCounts);
        Assert.False(scale.TryReadBowlWeightGrams(out _));
    }

    [Fact]
    public void Tare_SurvivesARestart_AndOverridesTheConfiguredZero_OnEmulatedHx711()
    {
        _chip.RawValue = 84_000;
        using (var store = new SensorStore(_directory.File("sensors.db")))
        using (var cell = Cell())
        {
            Assert.True(new BowlScale(cell, store, GramsPerCount, configuredZeroCounts: 10).TryTare(Start, out _));
        }

        // The agent restarts with food in the bowl: the zero is the tare's, not what the cell reads now.
        _chip.RawValue = 84_000 + (120 * 420);
        using var reopened = new SensorStore(_directory.File("sensors.db"));
        using var again = Cell();
        var scale = new BowlScale(again, reopened, GramsPerCount, configuredZeroCounts: 10);

        Assert.Equal(84_000, scale.ZeroCounts);
        Assert.True(scale.TryReadBowlWeightGrams(out var grams));
        Assert.Equal(120, grams);
    }

    [Fact]
    public void Tare_ConverterSilent_FailsAndKeepsTheOldZero_OnEmulatedHx711()
    {
        using var store = new SensorStore(_directory.File("sensors.db"));
        using var cell = Cell();
        var scale = new BowlScale(cell, store, GramsPerCount, configuredZeroCounts: null);
        _chip.RawValue = 84_000;
        Assert.True(scale.TryTare(Start, out _));

        _chip.Answering = false;

        Assert.False(scale.TryTare(Start.AddHours(1), out _));
        Assert.Equal(84_000, scale.ZeroCounts);
        Assert.Equal(new BowlZero(84_000, Start), store.LoadBowlZero());
    }

    public void Dispose()
    {
        _controller.Dispose();
        _directory.Dispose();
    }

    private Hx711LoadCell Cell() => new(() => _controller, Dout, Sck, samples: 3, _time);
}
