namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// The PIR's simulated twin: the dog walks past every 5 to 40 minutes and is seen for 5 to 60 seconds (an
/// HC-SR501 holds its output 3 s to 5 min, set by its time potentiometer). Driven by the
/// <see cref="TimeProvider"/>'s timers.
/// </summary>
public sealed class SimulatedMotion(TimeProvider time, Random random) : IMotionSensor, IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private bool _detected;

    public event Action<bool>? MotionChanged;

    public string Description => "simulated dog walking past";

    public bool IsMotionDetected
    {
        get
        {
            lock (_gate)
            {
                return _detected;
            }
        }
    }

    public void Start()
    {
        lock (_gate)
        {
            _timer ??= time.CreateTimer(_ => Toggle(), null, Quiet(), Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Toggle()
    {
        bool detected;
        lock (_gate)
        {
            if (_timer is null)
            {
                return;
            }

            _detected = !_detected;
            detected = _detected;
            _timer.Change(detected ? SimulatedNoise.Between(random, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60)) : Quiet(), Timeout.InfiniteTimeSpan);
        }

        MotionChanged?.Invoke(detected);
    }

    private TimeSpan Quiet() => SimulatedNoise.Between(random, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(40));
}
