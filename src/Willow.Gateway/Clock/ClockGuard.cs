using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core.Protocol;
using Willow.Gateway.HubLink;
using Willow.Gateway.Journal;

namespace Willow.Gateway.Clock;

/// <summary>
/// Decides whether the gateway's clock can be trusted to give scheduled doses. A Pi has no battery clock:
/// after a power cut it boots at the wrong time until NTP syncs. So the clock starts untrusted, becomes
/// trusted when the kernel says NTP synchronised it or the hub's clock agrees within a tolerance, and is
/// distrusted again the moment it steps (measured against the monotonic clock) until checked again.
/// </summary>
public sealed class ClockGuard(
    IClockSync sync,
    HubSession session,
    GatewayJournal journal,
    IOptions<ClockOptions> options,
    TimeProvider time,
    ILogger<ClockGuard> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _checking = new(1, 1);
    private DateTimeOffset _lastWall;
    private long _lastTick;
    private long? _lastHubCheck;
    private bool _started;

    public bool IsTrusted { get; private set; }

    public string Reason { get; private set; } = "The clock has not been checked since the gateway started.";

    /// <summary>Raised when the clock becomes trusted or untrusted.</summary>
    public event Action<bool>? Changed;

    /// <summary>Checks the clock once: a step since the last check, then NTP, then the hub.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        // The periodic check and the one at each hub connect must not interleave.
        await _checking.WaitAsync(cancellationToken);
        try
        {
            await CheckOnceAsync(cancellationToken);
        }
        finally
        {
            _checking.Release();
        }
    }

    public override void Dispose()
    {
        _checking.Dispose();
        base.Dispose();
    }

    private async Task CheckOnceAsync(CancellationToken cancellationToken)
    {
        var options1 = options.Value;
        var wall = time.GetUtcNow();
        var tick = time.GetTimestamp();
        lock (_gate)
        {
            if (_started)
            {
                var expected = _lastWall + time.GetElapsedTime(_lastTick, tick);
                var step = wall - expected;
                if (step.Duration() > options1.JumpThreshold)
                {
                    Set(false, $"The clock stepped by {Describe(step)}; waiting for NTP or the hub to confirm the time.");
                    _lastHubCheck = null;
                }
            }

            _started = true;
            _lastWall = wall;
            _lastTick = tick;
        }

        if (IsTrusted)
        {
            if (session.IsConnected && (_lastHubCheck is not { } last || time.GetElapsedTime(last) > options1.HubCheckInterval))
            {
                await CompareWithHubAsync(cancellationToken);
            }

            return;
        }

        if (options1.AssumeSynchronized)
        {
            Set(true, "Clock:AssumeSynchronized is set (a battery-backed clock).");
            return;
        }

        if (sync.Read() == ClockSyncState.Synchronized)
        {
            Set(true, "NTP has synchronised the clock.");
            return;
        }

        if (session.IsConnected)
        {
            await CompareWithHubAsync(cancellationToken);
        }
        else if (!IsTrusted)
        {
            Set(false, "NTP has not synchronised the clock and the hub is out of reach to compare with; no scheduled dose until one of them confirms the time.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ClockLog.CheckFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task CompareWithHubAsync(CancellationToken cancellationToken)
    {
        try
        {
            var sent = Stopwatch.GetTimestamp();
            var hubTime = await session.InvokeAsync<DateTimeOffset>(GatewayHubMethods.GetHubTime, cancellationToken);
            var roundTrip = Stopwatch.GetElapsedTime(sent);
            _lastHubCheck = time.GetTimestamp();

            // The hub read its clock about half a round trip ago.
            var offset = time.GetUtcNow() - (hubTime + (roundTrip / 2));
            if (offset.Duration() <= options.Value.Tolerance)
            {
                Set(true, $"The clock agrees with the hub's within {Describe(offset.Duration())}.");
            }
            else
            {
                Set(false, $"The clock is {Describe(offset)} off the hub's (more than {Describe(options.Value.Tolerance)}); no scheduled dose until it is corrected.");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException or Microsoft.AspNetCore.SignalR.HubException)
        {
            ClockLog.CheckFailed(logger, ex.Message);
        }
    }

    private void Set(bool trusted, string reason)
    {
        var changed = trusted != IsTrusted || reason != Reason;
        var flipped = trusted != IsTrusted;
        IsTrusted = trusted;
        Reason = reason;
        if (!changed)
        {
            return;
        }

        if (flipped || !trusted)
        {
            if (trusted)
            {
                ClockLog.Trusted(logger, reason);
            }
            else
            {
                ClockLog.Untrusted(logger, reason);
            }

            journal.RecordClock(new ClockReport(trusted, reason, time.GetUtcNow()));
        }

        if (flipped)
        {
            Changed?.Invoke(trusted);
        }
    }

    private static string Describe(TimeSpan span) =>
        span.Duration() < TimeSpan.FromSeconds(1) ? $"{span.TotalMilliseconds:0} ms" : $"{(span < TimeSpan.Zero ? "-" : "")}{span.Duration():g}";
}
