using System.Device.Pwm;
using System.Globalization;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// A PWM channel that drives no pin: it keeps the output it would produce, as Linux's sysfs PWM does
/// (<c>period</c>, <c>duty_cycle</c>, <c>enable</c>), and records the signal after every write, including
/// the one the channel is opened with. The servo's simulated twin runs the real servo logic over it.
/// </summary>
public sealed class SimulatedPwmChannel : PwmChannel
{
    private readonly TimeProvider _time;
    private readonly Action<string>? _log;
    private readonly List<PwmSignal> _signals = [];
    private readonly Lock _gate = new();
    private int _frequency;
    private double _dutyCycle;
    private bool _enabled;

    public SimulatedPwmChannel(TimeProvider time, int frequencyHertz, double dutyCycle, Action<string>? log = null)
    {
        _time = time;
        _log = log;
        _frequency = frequencyHertz;
        _dutyCycle = dutyCycle;
        Record();
    }

    public override int Frequency
    {
        get => _frequency;
        set
        {
            _frequency = value;
            Record();
        }
    }

    public override double DutyCycle
    {
        get => _dutyCycle;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            _dutyCycle = value;
            Record();
        }
    }

    public bool Enabled => _enabled;

    /// <summary>The pulse width sent each frame, in whole microseconds.</summary>
    public int PulseWidthMicroseconds => _frequency == 0 ? 0 : (int)Math.Round(_dutyCycle * 1_000_000 / _frequency);

    /// <summary>Every output the channel went through, oldest first.</summary>
    public IReadOnlyList<PwmSignal> Signals
    {
        get
        {
            lock (_gate)
            {
                return [.. _signals];
            }
        }
    }

    public override void Start()
    {
        _enabled = true;
        Record();
    }

    public override void Stop()
    {
        _enabled = false;
        Record();
    }

    private void Record()
    {
        var signal = new PwmSignal(_time.GetUtcNow(), _enabled, PulseWidthMicroseconds);
        lock (_gate)
        {
            _signals.Add(signal);
        }

        _log?.Invoke(string.Create(
            CultureInfo.InvariantCulture, $"{signal.At:O} pwm {(signal.Enabled ? "on" : "off")} {signal.PulseWidthMicroseconds}us"));
    }
}
