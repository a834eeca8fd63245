using System.Device.Gpio;

namespace Willow.Agent.Tests.Dispenser;

/// <summary>
/// A GPIO driver for a board that is not here, emulating what the Linux drivers document: an input pin
/// idles at its pull (high with a pull-up, low with a pull-down), and a change of its level raises the
/// callbacks registered for that edge. <see cref="Drive"/> is the outside world (a treat in the beam).
/// </summary>
internal sealed class EmulatedGpioDriver : GpioDriver
{
    private readonly Dictionary<int, (PinMode Mode, PinValue Value)> _pins = [];
    private readonly List<(int Pin, PinEventTypes Edges, PinChangeEventHandler Handler)> _callbacks = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<int> OpenPins
    {
        get
        {
            lock (_gate)
            {
                return [.. _pins.Keys];
            }
        }
    }

    public int Callbacks
    {
        get
        {
            lock (_gate)
            {
                return _callbacks.Count;
            }
        }
    }

    public PinMode ModeOf(int pin)
    {
        lock (_gate)
        {
            return _pins[pin].Mode;
        }
    }

    /// <summary>Sets the level the sensor drives the pin to, raising the edge callbacks if it changed.</summary>
    public void Drive(int pin, PinValue value)
    {
        List<PinChangeEventHandler> handlers;
        PinEventTypes edge;
        lock (_gate)
        {
            var (mode, old) = _pins[pin];
            if (old == value)
            {
                return;
            }

            _pins[pin] = (mode, value);
            edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = [.. _callbacks.Where(c => c.Pin == pin && c.Edges.HasFlag(edge)).Select(c => c.Handler)];
        }

        foreach (var handler in handlers)
        {
            handler(this, new PinValueChangedEventArgs(edge, pin));
        }
    }

    /// <summary>Something crosses an active-low beam: the output goes low, then back high.</summary>
    public void BreakBeam(int pin)
    {
        Drive(pin, PinValue.Low);
        Drive(pin, PinValue.High);
    }

    protected override int PinCount => 28;

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            _pins.TryAdd(pinNumber, (PinMode.Input, PinValue.Low));
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _pins.Remove(pinNumber);
            _callbacks.RemoveAll(c => c.Pin == pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            var idle = mode switch
            {
                PinMode.InputPullUp => PinValue.High,
                PinMode.InputPullDown => PinValue.Low,
                _ => _pins[pinNumber].Value,
            };
            _pins[pinNumber] = (mode, idle);
        }
    }

    protected override PinMode GetPinMode(int pinNumber) => ModeOf(pinNumber);

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return _pins[pinNumber].Value;
        }
    }

    protected override void Write(int pinNumber, PinValue value) => Drive(pinNumber, value);

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The drop sensor watches with callbacks.");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            _callbacks.Add((pinNumber, eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            _callbacks.RemoveAll(c => c.Pin == pinNumber && c.Handler == callback);
        }
    }
}
