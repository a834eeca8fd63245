namespace Willow.Agent.Capabilities.Sensors;

/// <summary>The sensors wired to this board; a part that is not there is null. The board owns (and disposes) the drivers.</summary>
public sealed class SensorBoard(IClimateSensor? climate, BowlScale? scale, IMotionSensor? motion, IReadOnlyList<IDisposable> owned) : IDisposable
{
    public IClimateSensor? Climate => climate;

    public BowlScale? Scale => scale;

    public IMotionSensor? Motion => motion;

    public void Dispose()
    {
        foreach (var driver in owned)
        {
            driver.Dispose();
        }
    }
}
