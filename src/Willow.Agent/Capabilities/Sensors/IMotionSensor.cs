namespace Willow.Agent.Capabilities.Sensors;

/// <summary>A motion sensor: a PIR on a GPIO pin, or the simulated dog walking past.</summary>
public interface IMotionSensor
{
    /// <summary>What it is and where it is wired, for logs: "PIR on GPIO17".</summary>
    string Description { get; }

    bool IsMotionDetected { get; }

    /// <summary>
    /// Raised once per change: true when motion starts, false when it ends. It may be raised on a GPIO event
    /// thread, so a handler returns quickly.
    /// </summary>
    event Action<bool>? MotionChanged;

    /// <summary>Starts watching (opens the pin, listens for edges). Nothing is raised before.</summary>
    void Start();
}
