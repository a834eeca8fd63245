namespace Willow.Core.Protocol;

/// <summary>The gateway's view of its home: every agent it is responsible for, online or not.</summary>
public sealed record DevicePresenceReport(IReadOnlyList<DeviceReport> Devices, DateTimeOffset At);
