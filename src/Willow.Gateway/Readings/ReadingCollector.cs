using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Links;
using Willow.Gateway.Discovery;
using Willow.Gateway.Journal;
using Willow.Gateway.Relay;

namespace Willow.Gateway.Readings;

/// <summary>
/// Follows every sensors agent of the home with a long-poll for its readings, and queues each page for the
/// hub in the journal together with the cursor past it. The agent keeps its readings on disk until asked,
/// the journal keeps them until the hub has them, and the hub keeps each reading once by its id: a restart
/// anywhere loses none and repeats none.
/// </summary>
public sealed class ReadingCollector(
    IAgentDirectory directory,
    PresenceMonitor presence,
    AgentClient agents,
    GatewayJournal journal,
    IOptions<ReadingCollectorOptions> options,
    TimeProvider time,
    ILogger<ReadingCollector> logger,
    Telemetry.GatewayMetrics? metrics = null) : BackgroundService
{
    /// <summary>How often the set of sensors agents is looked at again (presence rounds change it).</summary>
    private static readonly TimeSpan Reconcile = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, (Task Loop, CancellationTokenSource Stop)> _following = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Reconcile, time);
        try
        {
            do
            {
                Follow(stoppingToken);
                var dropped = journal.TrimQueuedReadings(options.Value.MaxQueuedPages);
                if (dropped > 0)
                {
                    ReadingLog.Dropped(logger, dropped);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var (loop, stop) in _following.Values)
            {
                await stop.CancelAsync();
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                stop.Dispose();
            }
        }
    }

    /// <summary>Starts a loop for each sensors agent that has none, and stops those that are gone.</summary>
    private void Follow(CancellationToken stoppingToken)
    {
        var sensors = presence.Devices
            .Where(d => d.Capabilities.Contains(Capability.Sensors, StringComparer.Ordinal))
            .Select(d => d.DeviceId)
            .Where(id => directory.Find(id) is not null)
            .ToHashSet(StringComparer.Ordinal);

        foreach (var gone in _following.Keys.Where(id => !sensors.Contains(id)).ToList())
        {
            _following[gone].Stop.Cancel();
            _following[gone].Stop.Dispose();
            _following.Remove(gone);
            ReadingLog.Stopped(logger, gone);
        }

        foreach (var deviceId in sensors.Where(id => !_following.ContainsKey(id)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _following[deviceId] = (CollectAsync(deviceId, stop.Token), stop);
        }
    }

    private async Task CollectAsync(string deviceId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var settings = options.Value;
        var backoff = Backoff.Default();
        ReadingLog.Following(logger, deviceId, journal.ReadingCursor(deviceId));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (directory.Find(deviceId) is not { } agent)
                {
                    return;
                }

                var after = journal.ReadingCursor(deviceId);
                var page = await agents.GetReadingsAsync(agent, after, settings.LongPollWait, settings.PageSize, cancellationToken);
                if (page.Readings.Count == 0 && page.Next < after)
                {
                    // The agent's store was replaced (a new card): its numbers started again from one.
                    ReadingLog.AgentStartedOver(logger, deviceId, after, page.Next);
                    journal.RecordReadings(page with { DeviceId = deviceId, Next = 0 });
                    continue;
                }

                journal.RecordReadings(page with { DeviceId = deviceId });
                if (page.Readings.Count > 0)
                {
                    ReadingLog.Queued(logger, deviceId, page.Readings.Count, page.Next);
                    metrics?.ReadingsCollected(page.Readings.Count);
                }

                backoff.Reset();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                ReadingLog.CollectFailed(logger, deviceId, delay, ex.Message);
                try
                {
                    await Task.Delay(delay, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
