namespace Willow.Agent.Capabilities.Speaker;

/// <summary>One sound played, as the simulated player records it.</summary>
public sealed record SoundPlay(DateTimeOffset At, string Sound);
