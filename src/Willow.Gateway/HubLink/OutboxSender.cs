using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Willow.Core.Protocol;
using Willow.Gateway.Journal;

namespace Willow.Gateway.HubLink;

/// <summary>
/// Sends the journal's outbox of state reports to the hub, in order, whenever the link is up. A report
/// leaves the outbox only after the hub acknowledged it, so an outage of any length loses none.
/// </summary>
public sealed class OutboxSender : BackgroundService
{
    private const int BatchSize = 100;

    /// <summary>A batch is one long-poll's page (up to 500 readings): a few per message keep it well under SignalR's size limit.</summary>
    private const int ReadingBatchesPerMessage = 10;

    /// <summary>
    /// A short wait after the first new report lets "delivered" and "executing" (and often the outcome) travel
    /// in one message and one write at the hub, and keeps that write off the disk while the agent commits
    /// its intent.
    /// </summary>
    private static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(25);

    private readonly GatewayJournal _journal;
    private readonly HubSession _session;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxSender> _logger;
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private TaskCompletionSource _wake = NewSignal();

    public OutboxSender(GatewayJournal journal, HubSession session, TimeProvider time, ILogger<OutboxSender> logger)
    {
        _journal = journal;
        _session = session;
        _time = time;
        _logger = logger;
        journal.OutboxChanged += Wake;
    }

    public void Wake() => Interlocked.Exchange(ref _wake, NewSignal()).TrySetResult();

    /// <summary>Sends everything waiting; returns when the outbox is empty or the link failed.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            while (_session.IsConnected)
            {
                var batch = _journal.PeekOutbox(BatchSize);
                if (batch.Count == 0)
                {
                    return;
                }

                // Runs of one kind go to their hub method in outbox order: a command issued at home is known
                // to the hub before its states, and a dose's command before the dose.
                var kind = batch[0].Kind;
                var run = batch.TakeWhile(e => e.Kind == kind).ToList();
                var settled = kind switch
                {
                    OutboxKinds.CommandState => await _session.InvokeAsync<int>(
                        GatewayHubMethods.ReportCommandStates, cancellationToken, (IReadOnlyList<CommandStateReport>)[.. run.Select(e => e.Report!)]),
                    OutboxKinds.CommandIssued => await _session.InvokeAsync<int>(
                        GatewayHubMethods.ReportCommandsIssued, cancellationToken, (IReadOnlyList<CommandEnvelope>)[.. run.Select(e => e.Issued!)]),
                    OutboxKinds.Dose => await _session.InvokeAsync<int>(
                        GatewayHubMethods.ReportDoses, cancellationToken, (IReadOnlyList<DoseReport>)[.. run.Select(e => e.Dose!)]),
                    OutboxKinds.Readings => await _session.InvokeAsync<int>(
                        GatewayHubMethods.ReportReadings, cancellationToken, (IReadOnlyList<DeviceReadings>)[.. run.Take(ReadingBatchesPerMessage).Select(e => e.Readings!)]),
                    _ => await ReportClockAsync(run[^1].Clock!, run.Count, cancellationToken),
                };
                if (settled > 0)
                {
                    _journal.RemoveFromOutbox(run[Math.Min(settled, run.Count) - 1].Sequence);
                }

                HubLinkLog.OutboxFlushed(_logger, settled);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            HubLinkLog.OutboxFlushFailed(_logger, ex.Message);
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>Only the latest clock state matters; earlier ones in the same run are settled with it.</summary>
    private async Task<int> ReportClockAsync(ClockReport latest, int count, CancellationToken cancellationToken)
    {
        await _session.InvokeAsync(GatewayHubMethods.ReportClock, cancellationToken, latest);
        return count;
    }

    public override void Dispose()
    {
        _journal.OutboxChanged -= Wake;
        _flushing.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the flush, so a report added during the flush wakes the next round at once.
            var woken = Volatile.Read(ref _wake).Task;
            await FlushAsync(stoppingToken);

            // Woken by every new report; the periodic pass catches a link that came back meanwhile.
            if (await Task.WhenAny(woken, Task.Delay(TimeSpan.FromSeconds(5), _time, stoppingToken)) == woken)
            {
                try
                {
                    await Task.Delay(Coalescing, _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
