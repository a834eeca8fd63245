using System.Device.I2c;
using Iot.Device.Bmxx80;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// A BME280 on I2C, through <c>Iot.Device.Bmxx80</c>. Each read is a forced measurement: the sensor
/// sleeps between readings, so it does not warm itself and the room reads true.
/// </summary>
public sealed class Bme280ClimateSensor(int bus, int address) : IClimateSensor, IDisposable
{
    private Bme280? _sensor;

    public string Description => $"BME280 at 0x{address:x2} on I2C-{bus}";

    public bool TryRead(out ClimateReading reading)
    {
        reading = default;
        // Opened on first use, so that a sensor missing from the bus is a failed reading, not a failed start.
        _sensor ??= Open();

        var result = _sensor.Read();
        if (result.Temperature is not { } temperature || result.Humidity is not { } humidity)
        {
            return false;
        }

        reading = new ClimateReading(temperature.DegreesCelsius, humidity.Percent);
        return true;
    }

    /// <summary>Closes the I2C device (the binding owns it once it has it).</summary>
    public void Dispose() => _sensor?.Dispose();

    private Bme280 Open()
    {
        var device = I2cDevice.Create(new I2cConnectionSettings(bus, address));
        try
        {
            // Reads the chip id (0x60) and the factory calibration; throws if another chip answers.
            return new Bme280(device);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }
}
