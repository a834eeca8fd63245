using System.Device.Gpio;
using Iot.Device.Hcsr501;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// A PIR motion sensor (HC-SR501 or alike) whose output drives a GPIO input high while it sees motion,
/// through <c>Iot.Device.Hcsr501</c>. Edges become <see cref="MotionChanged"/>; a repeated level (contact
/// bounce, or an edge the binding read after the pin had settled) is passed on once.
/// </summary>
public sealed class PirMotionSensor(Func<GpioController> gpio, int pin) : IMotionSensor, IDisposable
{
    private readonly Lock _gate = new();
    private GpioController? _controller;
    private Hcsr501? _pir;
    private bool _detected;

    public event Action<bool>? MotionChanged;

    public string Description => $"PIR on GPIO{pin}";

    public bool IsMotionDetected
    {
        get
        {
            lock (_gate)
            {
                return _detected;
            }
        }
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_pir is not null)
            {
                return;
            }

            _controller = gpio();
            _pir = new Hcsr501(pin, _controller, shouldDispose: false);
            _detected = _pir.IsMotionDetected;
            _pir.Hcsr501ValueChanged += OnValueChanged;
        }
    }

    /// <summary>Stops listening and closes the pin; the GPIO controller belongs to whoever made it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_pir is null || _controller is null)
            {
                return;
            }

            _pir.Hcsr501ValueChanged -= OnValueChanged;
            _pir.Dispose();
            _pir = null;

            // The binding leaves the pin open when it does not own the controller; closing it drops its callbacks.
            if (_controller.IsPinOpen(pin))
            {
                _controller.ClosePin(pin);
            }
        }
    }

    private void OnValueChanged(object sender, Hcsr501ValueChangedEventArgs e)
    {
        var detected = e.PinValue == PinValue.High;
        lock (_gate)
        {
            if (detected == _detected)
            {
                return;
            }

            _detected = detected;
        }

        MotionChanged?.Invoke(detected);
    }
}
