namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// The output of a simulated PWM channel after a write: whether it is enabled, and the pulse width it sends
/// each frame. A servo moves only when an enabled channel's pulse width changes, or when it is enabled at a
/// pulse width other than where the horn is.
/// </summary>
public sealed record PwmSignal(DateTimeOffset At, bool Enabled, int PulseWidthMicroseconds);
