namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// A sensor in the chute that sees a portion fall (an IR break-beam on a GPIO input). The real driver uses
/// <see cref="System.Device.Gpio.GpioController"/>; the simulated twin sees every release fall until its
/// simulated hopper runs out.
/// </summary>
public interface IDropSensor
{
    /// <summary>Whether something is in the beam now: a treat stuck in the chute, or a misaligned sensor.</summary>
    bool IsBeamBroken();

    /// <summary>Starts watching for a portion to fall; <see cref="DropWatch.Fell"/> completes when one does.</summary>
    DropWatch Watch();
}
