using System.Device.Gpio;
using Iot.Device.Hx711;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// A load cell on an HX711 converter (channel A, gain 128), through <c>Iot.Device.Hx711</c>. The binding
/// clocks the 24 bits out and converts them from two's complement; its conversion ratio is set to 1 so
/// that it hands back raw counts, because Willow keeps the zero itself: the binding takes its zero at
/// power-up, and that would be lost (or taken with food in the bowl) at every restart.
/// </summary>
public sealed class Hx711LoadCell(Func<GpioController> gpio, int dataPin, int clockPin, int samples, TimeProvider time) : ILoadCell, IDisposable
{
    /// <summary>
    /// HX711 datasheet: a conversion every 100 ms at 10 SPS, and 400 ms to settle after power-up. DOUT that
    /// stays high longer than this means no converter is answering, and the binding itself would wait forever.
    /// </summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>HX711 datasheet: out of range, the output saturates at 7FFFFFh (max) or 800000h (min).</summary>
    private const int SaturatedHigh = 0x7FFFFF;
    private const int SaturatedLow = -0x800000;

    private readonly Lock _gate = new();
    private GpioController? _controller;
    private Hx711? _converter;

    public string Description => $"HX711 on DOUT GPIO{dataPin}, SCK GPIO{clockPin}";

    public bool TryReadCounts(out double counts)
    {
        counts = 0;
        lock (_gate)
        {
            if (_converter is null)
            {
                // Opened at the first read, so a board without GPIO fails its readings, not the agent's start.
                _controller = gpio();
                _converter = Open(_controller);
            }

            var values = new double[samples];
            for (var i = 0; i < values.Length; i++)
            {
                if (!WaitForConversion(_controller!))
                {
                    return false;
                }

                var value = _converter.GetWeight(numberOfReads: 1).Grams;
                if (value is >= SaturatedHigh or <= SaturatedLow)
                {
                    // A broken wire or an overloaded cell; not a weight.
                    return false;
                }

                values[i] = value;
            }

            // The median: a read the kernel interrupted mid-bit is an outlier, not a weight.
            Array.Sort(values);
            counts = values.Length % 2 == 1
                ? values[values.Length / 2]
                : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
            return true;
        }
    }

    /// <summary>Closes the two pins; the GPIO controller belongs to whoever made it.</summary>
    public void Dispose() => _converter?.Dispose();

    private Hx711 Open(GpioController controller)
    {
        var converter = new Hx711(dataPin, clockPin, new Hx711Options(Hx711Mode.ChannelAGain128, useByteLittleEndian: false), controller, shouldDispose: false);
        converter.SetConversionRatio(1);
        return converter;
    }

    /// <summary>Waits until DOUT falls, which the datasheet says means a conversion is ready to be clocked out.</summary>
    private bool WaitForConversion(GpioController controller)
    {
        // PD_SCK held high for more than 60 µs powers the chip down (datasheet); low keeps it converting.
        controller.Write(clockPin, PinValue.Low);
        var start = time.GetTimestamp();
        while (controller.Read(dataPin) == PinValue.High)
        {
            if (time.GetElapsedTime(start) > ReadyTimeout)
            {
                return false;
            }

            Thread.Yield();
        }

        return true;
    }
}
