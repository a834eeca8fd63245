using System.Device.Gpio;
using Willow.Agent.Capabilities.Sensors;

namespace Willow.Agent.Tests.Sensors;

/// <summary>The PIR driver against an emulated GPIO input that a PIR's output drives high while it sees motion.</summary>
public sealed class PirMotionSensorTests : IDisposable
{
    private const int Pin = 17;

    private readonly EmulatedGpioDriver _gpio = new();
    private readonly GpioController _controller;
    private readonly PirMotionSensor _pir;
    private readonly List<bool> _changes = [];

    public PirMotionSensorTests()
    {
        _controller = new GpioController(_gpio);
        _pir = new PirMotionSensor(() => _controller, Pin);
        _pir.MotionChanged += _changes.Add;
    }

    [Fact]
    public void Edges_RisingThenFalling_RaiseStartThenEnd_OnEmulatedGpio()
    {
        _pir.Start();

        _gpio.Drive(Pin, PinValue.High);
        Assert.True(_pir.IsMotionDetected);
        _gpio.Drive(Pin, PinValue.Low);

        Assert.Equal([true, false], _changes);
        Assert.False(_pir.IsMotionDetected);
    }

    [Fact]
    public void BeforeStart_EdgesAreNotWatched_OnEmulatedGpio()
    {
        _gpio.Drive(Pin, PinValue.High);

        Assert.Empty(_changes);
        Assert.Empty(_gpio.OpenPins);
    }

    [Fact]
    public void Start_WhileOutputIsHigh_KnowsMotionWithoutAnEdge_OnEmulatedGpio()
    {
        _gpio.Drive(Pin, PinValue.High);
        _pir.Start();

        Assert.True(_pir.IsMotionDetected);
        _gpio.Drive(Pin, PinValue.Low);
        Assert.Equal([false], _changes);
    }

    [Fact]
    public void Dispose_ClosesThePinAndDropsItsCallbacks_OnEmulatedGpio()
    {
        _pir.Start();
        Assert.Equal(2, _gpio.CallbackCount);

        _pir.Dispose();
        _gpio.Drive(Pin, PinValue.High);

        Assert.Empty(_gpio.OpenPins);
        Assert.Equal(0, _gpio.CallbackCount);
        Assert.Empty(_changes);
    }

    public void Dispose()
    {
        _pir.Dispose();
        _controller.Dispose();
    }
}
