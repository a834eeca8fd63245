namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// The climate sensor's simulated twin: a room around 21 °C and 45 % humidity, warmest (and driest) in the
/// afternoon, drifting slowly, with a DHT22's reading noise and 0.1 resolution. The clock is the
/// <see cref="TimeProvider"/>, so the tests can run days of it.
/// </summary>
public sealed class SimulatedClimate(TimeProvider time, Random random) : IClimateSensor
{
    private const double MeanTemperatureCelsius = 21;
    private const double DailyTemperatureSwing = 1.2;
    private const double MeanHumidityPercent = 45;
    private const double DailyHumiditySwing = 3;

    private readonly Lock _gate = new();
    private double _temperatureDrift;
    private double _humidityDrift;

    public string Description => "simulated room";

    public bool TryRead(out ClimateReading reading)
    {
        lock (_gate)
        {
            // Warmest at 15:00, coolest at 03:00 (the clock's own time of day).
            var hours = time.GetUtcNow().TimeOfDay.TotalHours;
            var day = Math.Sin(2 * Math.PI * (hours - 9) / 24);

            // Drifts that wander but are pulled back to the mean, so a simulated week stays a room.
            _temperatureDrift = Math.Clamp((_temperatureDrift * 0.95) + SimulatedNoise.Gaussian(random, 0.05), -1, 1);
            _humidityDrift = Math.Clamp((_humidityDrift * 0.95) + SimulatedNoise.Gaussian(random, 0.3), -5, 5);

            var temperature = MeanTemperatureCelsius + (DailyTemperatureSwing * day) + _temperatureDrift + SimulatedNoise.Gaussian(random, 0.1);
            var humidity = MeanHumidityPercent - (DailyHumiditySwing * day) + _humidityDrift + SimulatedNoise.Gaussian(random, 0.5);
            reading = new ClimateReading(Math.Round(temperature, 1), Math.Round(Math.Clamp(humidity, 0, 100), 1));
            return true;
        }
    }
}
