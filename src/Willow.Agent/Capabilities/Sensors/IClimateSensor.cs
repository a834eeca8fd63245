namespace Willow.Agent.Capabilities.Sensors;

/// <summary>A temperature and humidity sensor: a DHT22, a BME280, or the simulated room.</summary>
public interface IClimateSensor
{
    /// <summary>What it is and where it is wired, for logs: "DHT22 on GPIO4".</summary>
    string Description { get; }

    /// <summary>Reads the room. False when the sensor gave no valid reading this time (a DHT22 misses some).</summary>
    bool TryRead(out ClimateReading reading);
}
