using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using Willow.Agent.Capabilities.Sensors;

namespace Willow.Agent.Tests.Sensors;

/// <summary>The HX711 driver against an emulated converter: the bits it clocks out and the counts it makes of them.</summary>
public sealed class Hx711LoadCellTests : IDisposable
{
    private const int Dout = 5;
    private const int Sck = 6;

    private readonly FakeTimeProvider _time = new();
    private readonly EmulatedGpioDriver _gpio = new();
    private readonly EmulatedHx711 _chip;
    private readonly GpioController _controller;

    public Hx711LoadCellTests()
    {
        _chip = new EmulatedHx711(Dout, Sck, _time);
        _gpio.Attach(_chip, Dout, Sck);
        _controller = new GpioController(_gpio);
    }

    [Theory]
    [InlineData(0x000000, 0)]
    [InlineData(0x0003E8, 1000)]
    [InlineData(0x7FFFFE, 8_388_606)]
    [InlineData(0xFFFC18, -1000)]
    [InlineData(0x800001, -8_388_607)]
    public void ReadCounts_24BitTwosComplement_GivesSignedCounts_OnEmulatedHx711(int raw, double expected)
    {
        using var cell = new Hx711LoadCell(() => _controller, Dout, Sck, samples: 3, _time);
        _chip.RawValue = raw;

        Assert.True(cell.TryReadCounts(out var counts));
        Assert.Equal(expected, counts);
    }

    [Fact]
    public void ReadCounts_EachConversion_Gets25ClockPulses_OnEmulatedHx711()
    {
        using var cell = new Hx711LoadCell(() => _controller, Dout, Sck, samples: 4, _time);
        _chip.RawValue = 12345;

        Assert.True(cell.TryReadCounts(out _));

        // 24 data bits and one more, which selects channel A at gain 128 for the next conversion (datasheet table 3).
        Assert.Equal([25, 25, 25, 25], _chip.PulsesPerConversion);
    }

    [Fact]
    public void ReadCounts_OneSpikeAmongSamples_MedianIgnoresIt_OnEmulatedHx711()
    {
        using var cell = new Hx711LoadCell(() => _controller, Dout, Sck, samples: 5, _time);
        _chip.RawValue = 50_000;
        _chip.Script(50_010, 4_000_000, 49_990);

        Assert.True(cell.TryReadCounts(out var counts));
        Assert.Equal(50_000, counts);
    }

    [Fact]
    public void ReadCounts_NoConverterAnswers_FailsAfterHalfASecond_OnEmulatedHx711()
    {
        using var cell = new Hx711LoadCell(() => _controller, Dout, Sck, samples: 3, _time);
        _chip.Answering = false;
        var start = _time.GetUtcNow();

        Assert.False(cell.TryReadCounts(out _));
        Assert.InRange(_time.GetUtcNow() - start, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(510));
    }

    [Theory]
    [InlineData(0x7FFFFF)]
    [InlineData(0x800000)]
    public void ReadCounts_SaturatedOutput_IsNotAWeight_OnEmulatedHx711(int raw)
    {
        using var cell = new Hx711LoadCell(() => _controller, Dout, Sck, samples: 3, _time);
        _chip.RawValue = raw;

        Assert.False(cell.TryReadCounts(out _));
    }

    [Fact]
    public void Dispose_ClosesItsPinsButNotTheController_OnEmulatedHx711()
    {
        var cell = new Hx711LoadCell(() => _controller, Dout, Sck, samples: 1, _time);
        Assert.True(cell.TryReadCounts(out _));
        Assert.Equal([Dout, Sck], _gpio.OpenPins.Order());

        cell.Dispose();

        Assert.Empty(_gpio.OpenPins);
        Assert.Equal(28, _controller.PinCount);
    }

    public void Dispose() => _controller.Dispose();
}
