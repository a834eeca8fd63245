using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;

namespace Willow.Agent.Tests.Sensors;

/// <summary>
/// An HX711 as its datasheet describes it: DOUT is high while a conversion is in progress and falls when one is
/// ready; each rising edge of PD_SCK then shifts out one bit, MSB first, 24 in all, in two's complement; the
/// 25th pulse (channel A, gain 128) pulls DOUT high again until the next conversion. A conversion takes a few
/// polls of DOUT, each of which moves the fake clock on, as waiting on a real chip takes time.
/// </summary>
internal sealed class EmulatedHx711(int dataPin, int clockPin, FakeTimeProvider? clock = null) : IEmulatedPart
{
    private readonly Queue<int> _scripted = new();
    private readonly List<int> _pulsesPerConversion = [];
    private PinValue _clock = PinValue.Low;
    private PinValue _dout = PinValue.High;
    private int _current;
    private int _pulses;
    private int _pollsUntilReady = 2;
    private bool _shifting;

    /// <summary>The 24-bit two's complement value every conversion gives, unless one is scripted.</summary>
    public int RawValue { get; set; }

    /// <summary>False: no chip answers, DOUT stays high (a broken wire, no power).</summary>
    public bool Answering { get; set; } = true;

    /// <summary>How much fake time each poll of a busy DOUT takes.</summary>
    public TimeSpan PollTime { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>How many PD_SCK pulses each finished conversion received (25 selects channel A, gain 128).</summary>
    public IReadOnlyList<int> PulsesPerConversion => _pulsesPerConversion;

    /// <summary>The next conversions give these values, then <see cref="RawValue"/> again.</summary>
    public void Script(params int[] rawValues)
    {
        foreach (var value in rawValues)
        {
            _scripted.Enqueue(value);
        }
    }

    public PinValue Read(int pin)
    {
        if (pin != dataPin)
        {
            return _clock;
        }

        if (_pulses > 0 && _pulses <= 24)
        {
            return _dout;
        }

        if (_pulses > 24)
        {
            // The gain pulses are over: this conversion is done, the next begins.
            _pulsesPerConversion.Add(_pulses);
            _pulses = 0;
            _shifting = false;
            _pollsUntilReady = 2;
        }

        if (!Answering || _pollsUntilReady > 0)
        {
            _pollsUntilReady--;
            clock?.Advance(PollTime);
            return PinValue.High;
        }

        if (!_shifting)
        {
            _shifting = true;
            _current = _scripted.Count > 0 ? _scripted.Dequeue() : RawValue;
        }

        return PinValue.Low;
    }

    public void Write(int pin, PinValue value)
    {
        if (pin != clockPin)
        {
            return;
        }

        var rising = _clock == PinValue.Low && value == PinValue.High;
        _clock = value;
        if (!rising || !_shifting)
        {
            return;
        }

        _pulses++;
        _dout = _pulses > 24 || ((_current >> (24 - _pulses)) & 1) == 1 ? PinValue.High : PinValue.Low;
    }
}
