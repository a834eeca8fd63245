using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Links;
using Willow.Core.Lockout;
using Willow.Core.Protocol;
using Willow.Gateway.Discovery;
using Willow.Gateway.Journal;
using Willow.Gateway.Telemetry;

namespace Willow.Gateway.Relay;

/// <summary>
/// Relays commands from the hub to the agents, one device at a time in arrival order. For each command it
/// records delivery, refuses what has expired, is cancelled or inside the lockout, records that it is
/// executing, and asks the agent until the agent answers. Asking again is safe: the agent answers a
/// command id it has seen from its journal.
/// </summary>
public sealed class CommandRelay : IAsyncDisposable
{
    private readonly GatewayJournal _journal;
    private readonly IAgentDirectory _agents;
    private readonly AgentClient _client;
    private readonly DispenserLockouts _lockouts;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CommandRelay> _logger;
    private readonly ConcurrentDictionary<string, DeviceLane> _lanes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, byte> _cancelled = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly GatewayMetrics? _metrics;

    public CommandRelay(
        GatewayJournal journal,
        IAgentDirectory agents,
        AgentClient client,
        DispenserLockouts lockouts,
        IOptions<GatewayOptions> options,
        TimeProvider time,
        ILogger<CommandRelay> logger,
        GatewayMetrics? metrics = null)
    {
        _metrics = metrics;
        _journal = journal;
        _agents = agents;
        _client = client;
        _lockouts = lockouts;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised when a command reaches a final state at the gateway (tests and benchmarks watch it).</summary>
    public event Action<Guid, CommandState>? Finished;

    /// <summary>Queues a command pushed by the hub (or returned by a sync) for its device.</summary>
    public void Enqueue(CommandEnvelope command, bool fromSync = false) =>
        LaneFor(command.DeviceId).Writer.TryWrite(new WorkItem(command, fromSync, Resume: false));

    /// <summary>
    /// Queues a command the gateway issued itself and has already recorded as delivered (a press in Home Assistant):
    /// it is decided and relayed like any other, and a restart before that resumes it from the journal.
    /// </summary>
    public void EnqueueRecorded(CommandEnvelope command) =>
        LaneFor(command.DeviceId).Writer.TryWrite(new WorkItem(command, FromSync: false, Resume: true));

    /// <summary>Whether the journal has the command already (pushed, synced, or issued here).</summary>
    public bool Knows(Guid commandId) => _journal.Find(commandId) is not null;

    /// <summary>A person cancelled the command at the hub; it will not be started if it has not been.</summary>
    public void Cancel(Guid commandId) => _cancelled.TryAdd(commandId, 0);

    /// <summary>Picks up what a previous run left unfinished: delivered commands are considered afresh,
    /// executing ones are asked of their agent again.</summary>
    public int ResumeUnfinished()
    {
        var unfinished = _journal.Unfinished();
        foreach (var command in unfinished)
        {
            RelayLog.Resuming(_logger, command.Envelope.Id, command.State);
            LaneFor(command.Envelope.DeviceId).Writer.TryWrite(new WorkItem(command.Envelope, FromSync: false, Resume: true));
        }

        return unfinished.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var lane in _lanes.Values)
        {
            lane.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(_lanes.Values.Select(l => l.Worker));
        }
        catch (OperationCanceledException)
        {
            // Unfinished work stays in the journal and is resumed at the next start.
        }

        _stopping.Dispose();
    }

    private Channel<WorkItem> LaneFor(string deviceId) =>
        _lanes.GetOrAdd(deviceId, id =>
        {
            var channel = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
            return new DeviceLane(channel, Task.Run(() => RunLaneAsync(id, channel.Reader)));
        }).Channel;

    private async Task RunLaneAsync(string deviceId, ChannelReader<WorkItem> reader)
    {
        var token = _stopping.Token;
        await foreach (var item in reader.ReadAllAsync(token))
        {
            try
            {
                await ProcessAsync(item, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The journal still holds the command; a restart resumes it.
                RelayLog.LaneFault(_logger, ex, item.Command.Id, deviceId);
            }
        }
    }

    internal async Task ProcessAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var command = item.Command;
        var known = _journal.Find(command.Id);
        if (known is not null && !item.Resume)
        {
            // Seen before (a push and a sync of the same command, or a retried push).
            if (known.State.IsFinal() && item.FromSync)
            {
                _journal.ReportAgain(known);
            }

            return;
        }

        if (known is null || known.State == CommandState.Delivered)
        {
            var (next, detail) = Decide(command);
            var now = _time.GetUtcNow();
            if (known is null)
            {
                _journal.TryRecordReceived(command, now, next, detail);
            }
            else if (next == CommandState.Executing)
            {
                _journal.RecordExecuting(command.Id, now, detail);
            }
            else
            {
                _journal.RecordFinal(command.Id, next, detail!, now);
            }

            if (next != CommandState.Executing)
            {
                RelayLog.NotStarted(_logger, command.Id, next, detail!);
                _metrics?.CommandFinished(command.Kind, next);
                Finished?.Invoke(command.Id, next);
                return;
            }
        }

        var outcome = await AskAgentAsync(command, cancellationToken);
        _journal.RecordOutcome(outcome);
        RelayLog.Finished(_logger, command.Id, outcome.State, outcome.Replayed);
        _metrics?.CommandFinished(command.Kind, outcome.State);
        Finished?.Invoke(command.Id, outcome.State);
    }

    /// <summary>
    /// Checks cancellation, expiry and lockout. Returns <c>executing</c> to go ahead (with the override, if
    /// one was needed), or the final state and why the command will not start.
    /// </summary>
    private (CommandState State, string? Detail) Decide(CommandEnvelope command)
    {
        var now = _time.GetUtcNow();
        if (_cancelled.TryRemove(command.Id, out _))
        {
            return (CommandState.Cancelled, "Cancelled at the hub before the gateway started it; nothing was sent to the device.");
        }

        if (command.IsExpiredAt(now))
        {
            return (CommandState.Expired, $"Expired at {command.ExpiresAt:u} before the gateway could start it; nothing was sent to the device.");
        }

        if (CommandKinds.IsLockedOut(command.Kind))
        {
            var lockout = LockoutPolicy.Check(_journal.LastDispenseStartedAt(command.DeviceId, except: command.Id), _lockouts.For(command.DeviceId), now);
            if (!lockout.Allowed)
            {
                return command.LockoutOverride is { } o
                    ? (CommandState.Executing, $"Inside the lockout (until {lockout.LockedUntil:u}); overridden by {o.By}: {o.Reason}")
                    : (CommandState.Refused, lockout.Describe() + " (checked by the gateway)");
            }
        }

        return (CommandState.Executing, null);
    }

    private async Task<ActuationOutcome> AskAgentAsync(CommandEnvelope command, CancellationToken cancellationToken)
    {
        // The agent applies the longer of its own lockout and this one: defence in depth.
        var request = ActuationRequest.From(command) with
        {
            MinimumInterval = CommandKinds.IsLockedOut(command.Kind) ? _lockouts.For(command.DeviceId) : null,
        };
        var started = _time.GetUtcNow();
        var backoff = new Backoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        var mayHaveReached = false;
        string? lastProblem = null;
        while (true)
        {
            var agent = _agents.Find(command.DeviceId);
            if (agent is not null)
            {
                var asked = _time.GetTimestamp();
                var result = await _client.ActuateAsync(agent, request, cancellationToken);
                switch (result.Status)
                {
                    case AgentCallStatus.Answered:
                        _metrics?.AgentAnswered(command.Kind, _time.GetElapsedTime(asked));
                        return result.Outcome!;
                    case AgentCallStatus.Rejected:
                        return Final(command.Id, CommandState.Failed, result.Problem ?? "The agent refused the request.");
                    case AgentCallStatus.Indeterminate:
                        mayHaveReached = true;
                        break;
                }

                lastProblem = result.Problem;
            }
            else
            {
                lastProblem = $"No agent for device '{command.DeviceId}' is known to discovery.";
            }

            var now = _time.GetUtcNow();
            if (!mayHaveReached && command.IsExpiredAt(now))
            {
                return Final(command.Id, CommandState.Failed, $"The device could not be reached before the command expired; nothing was sent to it. Last error: {lastProblem}");
            }

            if (mayHaveReached && now - started >= _options.GiveUpAfter)
            {
                return Final(command.Id, CommandState.Uncertain, $"The device may have received the command but has not answered for {_options.GiveUpAfter}. Check it before giving another dose. Last error: {lastProblem}");
            }

            var delay = backoff.Next();
            RelayLog.AgentRetry(_logger, command.Id, command.DeviceId, lastProblem ?? "unknown", delay);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private ActuationOutcome Final(Guid commandId, CommandState state, string detail) =>
        new(commandId, state, detail, null, _time.GetUtcNow(), Replayed: false);

    internal sealed record WorkItem(CommandEnvelope Command, bool FromSync, bool Resume);

    private sealed record DeviceLane(Channel<WorkItem> Channel, Task Worker)
    {
        public ChannelWriter<WorkItem> Writer => Channel.Writer;
    }
}
