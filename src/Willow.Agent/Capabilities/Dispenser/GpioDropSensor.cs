using System.Device.Gpio;
using Microsoft.Extensions.Logging;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// A break-beam (or any digital) drop sensor on a GPIO input. The portion is seen by the edge into the
/// active level, which the kernel timestamps and queues, so a treat that crosses the beam in a few
/// milliseconds is not missed between two reads.
/// </summary>
public sealed class GpioDropSensor : IDropSensor, IDisposable
{
    private readonly GpioController _controller;
    private readonly bool _ownsController;
    private readonly int _pin;
    private readonly PinValue _active;
    private readonly PinEventTypes _edge;

    /// <param name="ownsController">Whether disposing this sensor disposes <paramref name="controller"/> (it closes only its pin otherwise).</param>
    public GpioDropSensor(GpioController controller, DropSensorOptions options, bool ownsController, ILogger logger)
    {
        _controller = controller;
        _ownsController = ownsController;
        _pin = options.Pin ?? throw new ArgumentException("The drop sensor has no pin.", nameof(options));
        _active = options.ActiveLevel == "high" ? PinValue.High : PinValue.Low;
        _edge = options.ActiveLevel == "high" ? PinEventTypes.Rising : PinEventTypes.Falling;
        var mode = options.Pull switch
        {
            "up" => PinMode.InputPullUp,
            "down" => PinMode.InputPullDown,
            _ => PinMode.Input,
        };
        _controller.OpenPin(_pin, mode);
        DispenserLog.DropSensorReady(logger, _pin, options.ActiveLevel, options.Pull);
    }

    public bool IsBeamBroken() => _controller.Read(_pin) == _active;

    public DropWatch Watch()
    {
        DropWatch? watch = null;
        void OnEdge(object sender, PinValueChangedEventArgs e) => watch?.Seen();
        watch = new DropWatch(() => _controller.UnregisterCallbackForPinValueChangedEvent(_pin, OnEdge));
        _controller.RegisterCallbackForPinValueChangedEvent(_pin, _edge, OnEdge);
        return watch;
    }

    public void Dispose()
    {
        if (_ownsController)
        {
            _controller.Dispose();
        }
        else if (_controller.IsPinOpen(_pin))
        {
            _controller.ClosePin(_pin);
        }
    }
}
