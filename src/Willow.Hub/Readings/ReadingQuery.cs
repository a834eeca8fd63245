namespace Willow.Hub.Readings;

/// <summary>
/// Which readings to list: a span (<see cref="From"/> inclusive, <see cref="To"/> exclusive), optionally one
/// device and one metric; at most <see cref="Limit"/>, the latest ones when there are more.
/// </summary>
public sealed record ReadingQuery(DateTimeOffset From, DateTimeOffset To, string? DeviceId, string? Metric, int Limit);
