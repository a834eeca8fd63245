namespace Willow.Agent.Capabilities.Speaker;

/// <summary>One sound played, as the simulated player records it: the library sound (or <c>speech</c> and its text), and the copy it wrote.</summary>
public sealed record SoundPlay(DateTimeOffset At, string Sound, string? Text = null, string? OutputFile = null);
