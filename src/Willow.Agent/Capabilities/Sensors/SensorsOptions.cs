using System.ComponentModel.DataAnnotations;
using Willow.Core.Readings;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// Which sensors this board has, where they are wired (BCM GPIO numbers), and how often they are read.
/// Each part is <c>none</c> until configured, because a driver for a sensor that is not there only fails.
/// </summary>
public sealed class SensorsOptions
{
    public const string Section = "Sensors";

    public const string None = "none";
    public const string Simulated = "simulated";
    public const string Dht22 = "dht22";
    public const string Bme280 = "bme280";
    public const string Hx711 = "hx711";
    public const string Pir = "pir";

    /// <summary>Temperature and humidity: <c>dht22</c> (one GPIO), <c>bme280</c> (I2C), <c>simulated</c> or <c>none</c>.</summary>
    [AllowedValues(None, Dht22, Bme280, Simulated, ErrorMessage = "Sensors:Climate must be 'dht22', 'bme280', 'simulated' or 'none'.")]
    public string Climate { get; set; } = None;

    public TimeSpan ClimateInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The DHT22's data pin (BCM numbering), with a 10 kΩ pull-up to 3.3 V.</summary>
    [Range(2, 27, ErrorMessage = "Sensors:DhtPin must be a BCM GPIO number from 2 to 27.")]
    public int DhtPin { get; set; } = 4;

    /// <summary>The I2C bus of the BME280: 1 is the header's SDA (GPIO2) and SCL (GPIO3).</summary>
    [Range(0, 31, ErrorMessage = "Sensors:Bme280Bus must be an I2C bus number (1 on the Pi's header).")]
    public int Bme280Bus { get; set; } = 1;

    /// <summary>0x76 with SDO to ground (most breakout boards), 0x77 with SDO to 3.3 V.</summary>
    /// <remarks>
    /// Text, as datasheets and <c>i2cdetect</c> write it: the compile-time configuration binder (which the trimmed
    /// file uses) reads numbers in decimal only, so an <c>int</c> would refuse "0x77".
    /// </remarks>
    [AllowedValues("0x76", "0x77", ErrorMessage = "Sensors:Bme280Address must be 0x76 (SDO to ground) or 0x77 (SDO to 3.3 V).")]
    public string Bme280Address { get; set; } = "0x76";

    /// <summary>The BME280's I2C address as a number.</summary>
    public int Bme280AddressValue => Bme280Address == "0x77" ? 0x77 : 0x76;

    /// <summary>The bowl's load cell: <c>hx711</c>, <c>simulated</c> or <c>none</c>.</summary>
    [AllowedValues(None, Hx711, Simulated, ErrorMessage = "Sensors:Scale must be 'hx711', 'simulated' or 'none'.")]
    public string Scale { get; set; } = None;

    public TimeSpan BowlInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The HX711's DOUT pin (BCM).</summary>
    [Range(2, 27, ErrorMessage = "Sensors:Hx711DataPin must be a BCM GPIO number from 2 to 27.")]
    public int Hx711DataPin { get; set; } = 5;

    /// <summary>The HX711's PD_SCK pin (BCM).</summary>
    [Range(2, 27, ErrorMessage = "Sensors:Hx711ClockPin must be a BCM GPIO number from 2 to 27.")]
    public int Hx711ClockPin { get; set; } = 6;

    /// <summary>
    /// The scale's calibration: grams per HX711 count, found with a known weight (see the README). Needed for
    /// <c>hx711</c>; 1 makes the bowl weight read in raw counts, which is how the calibration is done.
    /// </summary>
    public double? GramsPerCount { get; set; }

    /// <summary>The zero (in counts) to use until the first <c>tare</c>; after one, the tare's zero is used.</summary>
    public double? ScaleZeroCounts { get; set; }

    /// <summary>Conversions per bowl reading; their median is the reading (the HX711 gives 10 a second).</summary>
    [Range(1, 80, ErrorMessage = "Sensors:ScaleSamples must be between 1 and 80.")]
    public int ScaleSamples { get; set; } = 10;

    /// <summary>Motion: <c>pir</c> (a GPIO input), <c>simulated</c> or <c>none</c>.</summary>
    [AllowedValues(None, Pir, Simulated, ErrorMessage = "Sensors:Motion must be 'pir', 'simulated' or 'none'.")]
    public string Motion { get; set; } = None;

    /// <summary>The PIR's output pin (BCM).</summary>
    [Range(2, 27, ErrorMessage = "Sensors:PirPin must be a BCM GPIO number from 2 to 27.")]
    public int PirPin { get; set; } = 17;

    /// <summary>Readings older than this are removed from the board (the gateway has long since taken them).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>What this board measures, for <c>AgentInfo.Metrics</c>.</summary>
    public IReadOnlyList<string> MeasuredMetrics()
    {
        List<string> metrics = [];
        if (Climate != None)
        {
            metrics.AddRange([Metrics.Temperature, Metrics.Humidity]);
        }

        if (Scale != None)
        {
            metrics.Add(Metrics.BowlWeight);
        }

        if (Motion != None)
        {
            metrics.Add(Metrics.Motion);
        }

        return metrics;
    }

    /// <summary>The GPIO pins the configured drivers use, to catch two parts wired to one pin.</summary>
    public IReadOnlyList<int> GpioPins()
    {
        List<int> pins = [];
        if (Climate == Dht22)
        {
            pins.Add(DhtPin);
        }

        if (Scale == Hx711)
        {
            pins.AddRange([Hx711DataPin, Hx711ClockPin]);
        }

        if (Motion == Pir)
        {
            pins.Add(PirPin);
        }

        return pins;
    }
}
