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

                IReadOnlyList<CommandStateReport> reports = [.. batch.Select(e => e.Report)];
                var settled = await _session.InvokeAsync<int>(GatewayHubMethods.ReportCommandStates, cancellationToken, reports);
                if (settled > 0)
                {
                    _journal.RemoveFromOutbox(batch[Math.Min(settled, batch.Count) - 1].Sequence);
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
