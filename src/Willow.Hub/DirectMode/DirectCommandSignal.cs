using System.Collections.Concurrent;

namespace Willow.Hub.DirectMode;

/// <summary>
/// Wakes a direct-mode device's long-poll when a command for it is accepted, so that it does not wait
/// for the poll to time out. A waiter takes the current signal <em>before</em> it looks in the store, so
/// a command stored between the look and the wait still wakes it.
/// </summary>
public sealed class DirectCommandSignal
{
    private readonly ConcurrentDictionary<(Guid, string), TaskCompletionSource> _signals = new();

    /// <summary>A task that completes at the next <see cref="Notify"/> for this device.</summary>
    public Task Watch(Guid householdId, string deviceId) =>
        _signals.GetOrAdd((householdId, deviceId), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(Guid householdId, string deviceId)
    {
        if (_signals.TryRemove((householdId, deviceId), out var signal))
        {
            signal.TrySetResult();
        }
    }
}
