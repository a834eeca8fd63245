namespace Willow.Core.Protocol;

/// <summary>
/// One value a sensor read. <see cref="Id"/> (UUIDv7, made when it was read) lets every hop store it at most
/// once however often it is sent; <see cref="Sequence"/> is the agent's own order, the cursor the gateway
/// pulls by. The metric's unit is fixed (<see cref="Readings.Metrics.UnitOf"/>).
/// </summary>
public sealed record SensorReading(Guid Id, long Sequence, string Metric, double Value, DateTimeOffset At);

/// <summary>
/// An agent's answer to <c>GET /api/v1/readings?after=N</c>: readings after the cursor, oldest first, and the
/// cursor to ask from next.
/// </summary>
public sealed record ReadingPage(string DeviceId, IReadOnlyList<SensorReading> Readings, long Next);

/// <summary>Readings of one device, as the gateway passes them to the hub (<c>ReportReadings</c>).</summary>
public sealed record DeviceReadings(string DeviceId, IReadOnlyList<SensorReading> Readings);
