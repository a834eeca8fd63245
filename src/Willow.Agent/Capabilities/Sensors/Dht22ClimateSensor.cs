using System.Device.Gpio;
using Iot.Device.DHTxx;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// A DHT22 (AM2302) on one GPIO pin, through <c>Iot.Device.DHTxx</c>. The GPIO controller is asked for at the
/// first read, so a board without one fails its readings, not the agent's start. The binding times the sensor's pulses
/// in software, so on Linux a read is sometimes missed (the checksum fails): that is a false from
/// <see cref="TryRead"/>, and the sampler tries again.
/// </summary>
public sealed class Dht22ClimateSensor(Func<GpioController> gpio, int pin) : IClimateSensor, IDisposable
{
    private Dht22? _sensor;

    public string Description => $"DHT22 on GPIO{pin}";

    public bool TryRead(out ClimateReading reading)
    {
        reading = default;

        // Made on first use: the binding waits a second for the sensor to settle, which start-up need not.
        _sensor ??= new Dht22(pin, gpio(), shouldDispose: false);

        // The binding reads once for both values (it reuses a read younger than half a second).
        if (!_sensor.TryReadTemperature(out var temperature) || !_sensor.TryReadHumidity(out var humidity))
        {
            return false;
        }

        // Datasheet range: −40…80 °C and 0…100 %RH. A value outside passed the checksum by luck.
        if (temperature.DegreesCelsius is < -40 or > 80 || humidity.Percent is < 0 or > 100)
        {
            return false;
        }

        reading = new ClimateReading(temperature.DegreesCelsius, humidity.Percent);
        return true;
    }

    /// <summary>Closes the pin; the GPIO controller belongs to whoever made it.</summary>
    public void Dispose() => _sensor?.Dispose();
}
