namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>One watch for a falling portion, from before the release until it is disposed.</summary>
public sealed class DropWatch : IDisposable
{
    private readonly TaskCompletionSource _fell = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action _stop;
    private int _stopped;

    public DropWatch(Action stop) => _stop = stop;

    /// <summary>Completes when the sensor sees something fall.</summary>
    public Task Fell => _fell.Task;

    /// <summary>Called by the sensor's driver when the beam is broken.</summary>
    public void Seen() => _fell.TrySetResult();

    /// <summary>Waits until <paramref name="deadline"/> (a <see cref="TimeProvider.GetTimestamp"/>) for the portion; true if it fell.</summary>
    public async Task<bool> FellByAsync(long deadline, TimeProvider time)
    {
        var remaining = time.GetElapsedTime(time.GetTimestamp(), deadline);
        if (Fell.IsCompleted || remaining <= TimeSpan.Zero)
        {
            return Fell.IsCompleted;
        }

        try
        {
            await Fell.WaitAsync(remaining, time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _stop();
        }
    }
}
