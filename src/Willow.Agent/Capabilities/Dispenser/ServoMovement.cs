namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>One commanded move, as the simulated servo records it.</summary>
public sealed record ServoMovement(DateTimeOffset At, double? FromDegrees, double ToDegrees);
