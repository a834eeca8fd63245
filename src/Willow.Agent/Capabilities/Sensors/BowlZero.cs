namespace Willow.Agent.Capabilities.Sensors;

/// <summary>The load cell's reading with the empty bowl on it, from the last <c>tare</c>.</summary>
public sealed record BowlZero(double Counts, DateTimeOffset TaredAt);
