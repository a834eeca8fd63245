using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Hub.Nodes;

namespace Willow.Hub.Commands;

/// <summary>
/// Marks commands that were still queued at the hub when their expiry passed (the home never took them)
/// as expired, and forgets old idempotency keys. A "feed now" pressed while the home was offline must not
/// fire hours later; the gateway and agent refuse it too, by their own clocks.
/// </summary>
public sealed class ExpiredCommandSweeper(
    ICommandStore commands,
    Live.LiveUpdates live,
    Telemetry.HubMetrics metrics,
    Nodes.IJobLease lease,
    IOptions<CommandOptions> options,
    TimeProvider time,
    ILogger<ExpiredCommandSweeper> logger) : BackgroundService
{
    // Several hub nodes: one sweeps, the others stand by to take over.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        lease.RunRoundsAsync("expired-commands", options.Value.SweepInterval, time, SweepOnceAsync, ex => CommandLog.SweepFailed(logger, ex), stoppingToken);

    public async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = await commands.ExpireOverdueAsync(now - options.Value.ExpiryGrace, now, cancellationToken);
        if (expired.Count > 0)
        {
            CommandLog.Expired(logger, expired.Count);
        }

        foreach (var command in expired)
        {
            metrics.CommandReached(command.Envelope.Kind, CommandState.Expired);
            await live.CommandChangedAsync(command);
        }

        await commands.ForgetIdempotencyKeysAsync(now - options.Value.IdempotencyKeyLifetime, cancellationToken);
    }
}
