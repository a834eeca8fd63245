namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// The drop sensor's simulated twin: every release is seen falling while its simulated hopper has portions
/// (<c>Dispenser:DropSensor:SimulatedPortions</c>, unlimited when unset); after that nothing falls, as from an
/// empty dispenser, so the demo can show a dispense that fails.
/// </summary>
public sealed class SimulatedDropSensor(int? portions) : IDropSensor
{
    private readonly Lock _gate = new();
    private int? _left = portions;

    public bool IsBeamBroken() => false;

    public DropWatch Watch()
    {
        var watch = new DropWatch(() => { });
        lock (_gate)
        {
            if (_left is null or > 0)
            {
                _left--;
                watch.Seen();
            }
        }

        return watch;
    }
}
