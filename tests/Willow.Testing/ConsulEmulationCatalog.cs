using System.Diagnostics;

namespace Willow.Testing;

/// <summary>
/// The state behind <see cref="ConsulEmulation"/>: registered services with their HTTP checks, the index that
/// rises on every change, and the signal blocking queries wait on. It outlives the HTTP server, as a Consul
/// server's catalog outlives a restart of its API (the raft log is on disk), so "Consul down and back" finds the
/// agents still registered.
/// </summary>
internal sealed class ConsulEmulationCatalog(ConsulEmulationOptions options, HttpClient http) : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ConsulEmulationService> _services = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong _index = 1;
    private bool _checking;
    private Task? _reaper;

    public ConsulEmulationOptions Options => options;

    public ulong Index
    {
        get
        {
            lock (_gate)
            {
                return _index;
            }
        }
    }

    public IReadOnlyList<ConsulEmulationService> Services
    {
        get
        {
            lock (_gate)
            {
                return [.. _services.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Starts running checks and reaping (when the API is up: a Consul that is down checks nothing).</summary>
    public void StartChecking()
    {
        lock (_gate)
        {
            _checking = true;
            foreach (var service in _services.Values)
            {
                service.StartChecks(this, http, _stopping.Token);
            }

            _reaper ??= ReapAsync(_stopping.Token);
        }
    }

    public void StopChecking()
    {
        lock (_gate)
        {
            _checking = false;
            foreach (var service in _services.Values)
            {
                service.StopChecks();
            }
        }
    }

    public void Register(ConsulEmulationService service)
    {
        lock (_gate)
        {
            if (_services.TryGetValue(service.Id, out var same) && same.Body == service.Body)
            {
                // The same definition again: Consul's anti-entropy finds nothing to sync, and the index stays.
                return;
            }

            if (_services.Remove(service.Id, out var previous))
            {
                previous.StopChecks();

                // Consul keeps a re-registered check's state rather than starting it critical again.
                service.Status = previous.Status;
                service.Output = previous.Output;
                service.CriticalSince = previous.CriticalSince;
            }

            _services[service.Id] = service;
            if (_checking)
            {
                service.StartChecks(this, http, _stopping.Token);
            }

            ChangedLocked();
        }
    }

    public bool Deregister(string id)
    {
        lock (_gate)
        {
            if (!_services.Remove(id, out var service))
            {
                return false;
            }

            service.StopChecks();
            ChangedLocked();
            return true;
        }
    }

    /// <summary>A check's result; the index moves only when the status does (output alone is not a change).</summary>
    public void Report(ConsulEmulationService service, string status, string output)
    {
        lock (_gate)
        {
            if (!_services.TryGetValue(service.Id, out var current) || !ReferenceEquals(current, service))
            {
                return;
            }

            service.Output = output;
            if (service.Status == status)
            {
                return;
            }

            service.Status = status;
            service.CriticalSince = status == ConsulEmulation.Critical ? Stopwatch.GetTimestamp() : null;
            ChangedLocked();
        }
    }

    /// <summary>
    /// A blocking query: returns at once when <paramref name="index"/> is 0 or behind, otherwise when the index
    /// passes it or the wait (plus Consul's jitter of up to wait/16) runs out.
    /// </summary>
    public async Task<(IReadOnlyList<ConsulEmulationService> Services, ulong Index)> QueryAsync(
        string name, ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        var jitter = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * (wait.Ticks / 16)));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait + jitter);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (index == 0 || _index > index || deadline.IsCancellationRequested)
                {
                    return ([.. _services.Values.Where(s => s.Name == name).OrderBy(s => s.Id, StringComparer.Ordinal)], _index);
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The wait ran out: answer with what there is, index unchanged.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        StopChecking();
        await _stopping.CancelAsync();
        if (_reaper is not null)
        {
            try
            {
                await _reaper;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stopping.Dispose();
    }

    private void ChangedLocked()
    {
        _index++;
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    /// <summary>Consul's reaper: a service critical longer than its DeregisterCriticalServiceAfter (at least the floor) is removed.</summary>
    private async Task ReapAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ReapInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            lock (_gate)
            {
                if (!_checking)
                {
                    continue;
                }

                foreach (var service in _services.Values.ToList())
                {
                    var after = service.DeregisterCriticalAfter is { } configured && configured > options.MinimumDeregisterAfter
                        ? configured
                        : options.MinimumDeregisterAfter;
                    if (service.DeregisterCriticalAfter is not null && service.CriticalSince is { } since && Stopwatch.GetElapsedTime(since) >= after)
                    {
                        _services.Remove(service.Id);
                        service.StopChecks();
                        service.Reaped = true;
                        ChangedLocked();
                    }
                }
            }
        }
    }
}
