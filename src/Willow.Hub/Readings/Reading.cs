namespace Willow.Hub.Readings;

/// <summary>One sensor value as the hub keeps it. <see cref="Id"/> was given where it was read, so a batch sent twice is kept once.</summary>
public sealed record Reading(Guid Id, string DeviceId, string Metric, double Value, DateTimeOffset At);
