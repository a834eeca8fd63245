using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Lockout;
using Willow.Core.Protocol;
using Willow.Gateway.HubLink;
using Willow.Gateway.Journal;
using Willow.Gateway.Relay;

namespace Willow.Gateway.Discovery;

/// <summary>
/// Probes every agent the directory lists (<c>GET /api/v1/info</c>, signed) and tells the hub which are
/// reachable and what they can do: at every connect, on every change, and as a heartbeat. Each report
/// also says until when each dispenser is locked out, and a finished command sends a fresh one, so the
/// dashboard greys out Feed as soon as a dose has gone.
/// </summary>
public sealed class PresenceMonitor(
    IAgentDirectory directory,
    AgentClient agents,
    HubSession session,
    CommandRelay relay,
    GatewayJournal journal,
    DispenserLockouts lockouts,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<PresenceMonitor> logger,
    Telemetry.GatewayMetrics? metrics = null) : BackgroundService
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Probes in a row that may time out before an agent that was online is reported offline.</summary>
    private const int SlowProbesBeforeOffline = 2;
    private readonly ConcurrentDictionary<string, DeviceReport> _devices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _agentLockouts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AgentInfo> _info = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _slowProbes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _probing = new(1, 1);
    private int _probed;

    public IReadOnlyCollection<DeviceReport> Devices
    {
        get
        {
            var now = time.GetUtcNow();
            return [.. _devices.Values.OrderBy(d => d.DeviceId, StringComparer.Ordinal).Select(d => WithLockout(d, now))];
        }
    }

    /// <summary>Raised after every probing round (Home Assistant shows presence and doses left from it).</summary>
    public event Action? Probed;

    /// <summary>What the agent last said about itself (its metrics, a carousel's slots left), or null if it never answered.</summary>
    public AgentInfo? InfoOf(string deviceId) => _info.TryGetValue(deviceId, out var info) ? info : null;

    /// <summary>Probes now (once, if never done) and sends the result to the hub.</summary>
    public async Task ReportAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _probed) == 0)
        {
            await ProbeAllAsync(cancellationToken);
        }

        await SendAsync(cancellationToken);
    }

    /// <summary>Probes every agent again and reports at once (after a change the hub should see now, like a new sound).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await ProbeAllAsync(cancellationToken);
        await SendAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void OnFinished(Guid commandId, CommandState state) => _ = SendAsync(stoppingToken);

        // An agent discovery added or dropped reaches the hub now, not at the next round.
        void OnDirectoryChanged() => _ = RefreshOnChangeAsync(stoppingToken);
        relay.Finished += OnFinished;
        directory.Changed += OnDirectoryChanged;
        try
        {
            using var timer = new PeriodicTimer(options.Value.PresenceInterval, time);
            do
            {
                await ProbeAllAsync(stoppingToken);
                await SendAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            relay.Finished -= OnFinished;
            directory.Changed -= OnDirectoryChanged;
        }
    }

    private async Task RefreshOnChangeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override void Dispose()
    {
        _probing.Dispose();
        base.Dispose();
    }

    private async Task ProbeAllAsync(CancellationToken cancellationToken)
    {
        // One round at a time: the connect-time probe and the periodic one must not interleave.
        await _probing.WaitAsync(cancellationToken);
        try
        {
            var listed = directory.Agents;
            var added = listed.Count(a => !_devices.ContainsKey(a.DeviceId));
            await Task.WhenAll(listed.Select(agent => ProbeAsync(agent, cancellationToken)));

            // Agents dropped from discovery are no longer this gateway's to report.
            var gone = _devices.Keys.Except(listed.Select(a => a.DeviceId)).ToList();
            foreach (var deviceId in gone)
            {
                _devices.TryRemove(deviceId, out _);
            }

            metrics?.AgentsDiscovered(added, gone.Count);
            metrics?.AgentsOnline(_devices.Values.Count(d => d.Online));

            Interlocked.Exchange(ref _probed, 1);
        }

        finally
        {
            _probing.Release();
        }

        Probed?.Invoke();
    }

    private async Task ProbeAsync(AgentEndpoint agent, CancellationToken cancellationToken)
    {
        _devices.TryGetValue(agent.DeviceId, out var previous);
        DeviceReport report;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            var info = await agents.GetInfoAsync(agent, timeout.Token);
            _agentLockouts[agent.DeviceId] = info?.DispenseMinimumInterval ?? TimeSpan.Zero;
            if (info is not null)
            {
                _info[agent.DeviceId] = info;
            }

            report = new DeviceReport(agent.DeviceId, info?.Name ?? agent.DeviceId, info?.Capabilities ?? [], true, time.GetUtcNow(), info?.Version, Sounds: info?.Sounds);
            _slowProbes.TryRemove(agent.DeviceId, out _);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A slow answer (a board busy encoding video, a loaded Pi Zero) is not yet a board gone: one probe that
            // timed out keeps an online agent online; the next in a row, or a refused connection, does not.
            var slow = SlowProbesBeforeOffline;
            if (ex is OperationCanceledException)
            {
                slow = _slowProbes.AddOrUpdate(agent.DeviceId, 1, (_, count) => count + 1);
            }
            else
            {
                _slowProbes.TryRemove(agent.DeviceId, out _);
            }

            report = previous is { Online: true } && slow < SlowProbesBeforeOffline
                ? previous
                : new DeviceReport(
                    agent.DeviceId, previous?.Name ?? agent.DeviceId, previous?.Capabilities ?? [], false, previous?.LastSeenAt, previous?.Version, Sounds: previous?.Sounds);
        }

        _devices[agent.DeviceId] = report;
        if (previous is null || previous.Online != report.Online)
        {
            HubLinkLog.PresenceChanged(logger, agent.DeviceId, report.Online ? "online" : "offline");
        }
    }

    /// <summary>The agent applies the longer of its own lockout and the gateway's, so the report does too.</summary>
    private DeviceReport WithLockout(DeviceReport device, DateTimeOffset now)
    {
        if (!device.Capabilities.Contains(Capability.Dispenser, StringComparer.Ordinal))
        {
            return device;
        }

        var interval = lockouts.For(device.DeviceId);
        if (_agentLockouts.TryGetValue(device.DeviceId, out var agentInterval) && agentInterval > interval)
        {
            interval = agentInterval;
        }

        return device with { LockedUntil = LockoutPolicy.Check(journal.LastDispenseStartedAt(device.DeviceId), interval, now).LockedUntil };
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        if (!session.IsConnected)
        {
            return;
        }

        try
        {
            await session.InvokeAsync(GatewayHubMethods.ReportDevices, cancellationToken, new DevicePresenceReport([.. Devices], time.GetUtcNow()));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            HubLinkLog.PresenceReportFailed(logger, ex.Message);
        }
    }
}
