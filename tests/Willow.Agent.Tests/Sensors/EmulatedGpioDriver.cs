using System.Device.Gpio;

namespace Willow.Agent.Tests.Sensors;

/// <summary>
/// A GPIO chip in memory, for drivers that cannot reach a real one here: pins open and close, have modes and
/// levels, and raise edge callbacks the way the libgpiod driver does (one call per registered edge type). A
/// part (the HX711) can take over its pins; other inputs are driven by the test, as a wire would be.
/// </summary>
internal sealed class EmulatedGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, PinMode> _open = [];
    private readonly Dictionary<int, PinValue> _levels = [];
    private readonly Dictionary<int, IEmulatedPart> _parts = [];
    private readonly List<(int Pin, PinEventTypes Types, PinChangeEventHandler Callback)> _callbacks = [];

    public IReadOnlyCollection<int> OpenPins
    {
        get
        {
            lock (_gate)
            {
                return [.. _open.Keys];
            }
        }
    }

    public int CallbackCount
    {
        get
        {
            lock (_gate)
            {
                return _callbacks.Count;
            }
        }
    }

    public void Attach(IEmulatedPart part, params int[] pins)
    {
        foreach (var pin in pins)
        {
            _parts[pin] = part;
        }
    }

    /// <summary>Sets an input's level as the wired part would, raising the edge it makes.</summary>
    public void Drive(int pin, PinValue level)
    {
        List<PinChangeEventHandler> callbacks;
        PinEventTypes edge;
        lock (_gate)
        {
            var before = _levels.GetValueOrDefault(pin, PinValue.Low);
            _levels[pin] = level;
            if (before == level)
            {
                return;
            }

            edge = level == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            callbacks = [.. _callbacks.Where(c => c.Pin == pin && c.Types.HasFlag(edge)).Select(c => c.Callback)];
        }

        foreach (var callback in callbacks)
        {
            callback(this, new PinValueChangedEventArgs(edge, pin));
        }
    }

    protected override int PinCount => 28;

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            _open[pinNumber] = PinMode.Input;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _open.Remove(pinNumber);
            _callbacks.RemoveAll(c => c.Pin == pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            _open[pinNumber] = mode;
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return _open[pinNumber];
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        if (_parts.TryGetValue(pinNumber, out var part))
        {
            return part.Read(pinNumber);
        }

        lock (_gate)
        {
            return _levels.GetValueOrDefault(pinNumber, PinValue.Low);
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        if (_parts.TryGetValue(pinNumber, out var part))
        {
            part.Write(pinNumber, value);
            return;
        }

        lock (_gate)
        {
            _levels[pinNumber] = value;
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("No Willow driver waits for an event.");

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
            _callbacks.RemoveAll(c => c.Pin == pinNumber && c.Callback == callback);
        }
    }
}
