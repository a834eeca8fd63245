namespace Willow.Agent.Capabilities.Sensors;

/// <summary>One reading of the room: air temperature and relative humidity.</summary>
public readonly record struct ClimateReading(double TemperatureCelsius, double HumidityPercent);
