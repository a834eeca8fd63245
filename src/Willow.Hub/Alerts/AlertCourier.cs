using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Willow.Hub.Alerts;

/// <summary>
/// Sends what the outbox holds. Each delivery is claimed before it is sent (a lease: the claim lapses if this node
/// dies) and marked sent only after the receiver took it. So a restart between the two sends it again, once, with
/// the same <c>Willow-Delivery-Id</c>, and receivers drop the repeat; nothing is ever lost or sent by two nodes at once.
/// A failure is retried with exponential back-off until <see cref="AlertOptions.DeliveryMaxAge"/>.
/// </summary>
public sealed class AlertCourier(
    IAlertStore store,
    IEnumerable<IAlertSender> senders,
    Telemetry.HubMetrics metrics,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertCourier> logger) : BackgroundService
{
    private const int Batch = 20;

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<string, IAlertSender> _senders = senders.ToDictionary(s => s.Kind, StringComparer.Ordinal);

    /// <summary>Something was queued: look at the outbox now rather than at the next poll.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                AlertLog.OutboxFailed(logger, ex);
            }

            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(options.Value.DeliveryPollInterval, time, poll.Token);
            await Task.WhenAny(delay, _wake.Reader.WaitToReadAsync(poll.Token).AsTask());
            _wake.Reader.TryRead(out _);
            await poll.CancelAsync();
        }
    }

    /// <summary>Claims what is due and sends it. Returns how many it claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimDueAsync(time.GetUtcNow(), options.Value.DeliveryLease, Batch, cancellationToken);
        foreach (var delivery in claimed)
        {
            await DeliverAsync(delivery, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task DeliverAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        var alert = await store.GetAsync(delivery.HouseholdId, delivery.AlertId, cancellationToken);
        var channel = await store.GetChannelAsync(delivery.HouseholdId, delivery.ChannelId, cancellationToken);
        var drop = alert is null ? "The alert is gone."
            : channel is null ? "The channel was removed."
            : !channel.Enabled ? "The channel is turned off."
            : alert.State == AlertState.Resolved ? "The alert resolved before it was sent."
            : alert.State == AlertState.Acknowledged && alert.Severity == AlertSeverity.Urgent ? "Someone acknowledged the alert before it was sent."
            : null;
        if (drop is not null)
        {
            await store.MarkFailedAsync(delivery, null, drop, cancellationToken);
            metrics.AlertDelivery(channel?.Kind ?? "unknown", "dropped");
            AlertLog.Dropped(logger, delivery.Id, delivery.AlertId, drop);
            return;
        }

        string? error;
        try
        {
            var notice = new AlertNotice(AlertView.From(alert!, options.Value.PublicUrl), delivery.Id, Test: false);
            error = await SendAsync(notice, channel!, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = ex.Message;
        }

        var now = time.GetUtcNow();
        if (error is null)
        {
            // Sent: if this mark is lost (a crash right now), the claim lapses and the receiver sees the same delivery id again.
            await store.MarkSentAsync(delivery, now, cancellationToken);
            metrics.AlertDelivery(channel!.Kind, "sent");
            AlertLog.Sent(logger, delivery.Id, delivery.AlertId, channel.Kind, delivery.Attempts);
            return;
        }

        var retryAt = now + RetryDelay(delivery.Attempts);
        var giveUp = retryAt - delivery.CreatedAt > options.Value.DeliveryMaxAge;
        await store.MarkFailedAsync(delivery, giveUp ? null : retryAt, error, cancellationToken);
        metrics.AlertDelivery(channel!.Kind, giveUp ? "gave-up" : "failed");
        AlertLog.SendFailed(logger, delivery.Id, delivery.AlertId, channel.Kind, delivery.Attempts, error, giveUp ? null : retryAt);
    }

    /// <summary>Sends on a channel now, outside the outbox (a person's "send a test"). Returns null or why it failed.</summary>
    public async Task<string?> SendAsync(AlertNotice notice, AlertChannel channel, CancellationToken cancellationToken)
    {
        if (!_senders.TryGetValue(channel.Kind, out var sender))
        {
            return $"No sender for channel kind '{channel.Kind}'.";
        }

        using var timeout = new CancellationTokenSource(options.Value.SendTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await sender.SendAsync(notice, channel, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return $"No answer within {options.Value.SendTimeout.TotalSeconds:0} s.";
        }
    }

    /// <summary>base × 2^(attempt−1), at most the maximum: 5 s, 10 s, 20 s … 10 min.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var o = options.Value;
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(o.RetryMaxDelay.Ticks, o.RetryBaseDelay.Ticks * factor));
    }
}
