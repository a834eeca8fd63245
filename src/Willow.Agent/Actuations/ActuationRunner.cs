using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Agent.Capabilities;
using Willow.Agent.Capabilities.Dispenser;
using Willow.Agent.Journal;
using Willow.Agent.Telemetry;
using Willow.Core.Commands;
using Willow.Core.Lockout;
using Willow.Core.Protocol;

namespace Willow.Agent.Actuations;

/// <summary>
/// Carries out a command at most once: answer a known id from the journal; refuse what has expired or is
/// inside the lockout; otherwise write the intent, move, and write the outcome. One command at a time per
/// capability, so a duplicate that arrives while the first is moving waits and then gets its outcome.
/// </summary>
public sealed class ActuationRunner
{
    private readonly ActuationJournal _journal;
    private readonly Dictionary<string, ICapability> _capabilities;
    private readonly Dictionary<string, SemaphoreSlim> _gates;
    private readonly DispenserOptions _dispenser;
    private readonly TimeProvider _time;
    private readonly ILogger<ActuationRunner> _logger;
    private readonly AgentMetrics? _metrics;

    public ActuationRunner(
        ActuationJournal journal,
        IEnumerable<ICapability> capabilities,
        IOptions<DispenserOptions> dispenser,
        TimeProvider time,
        ILogger<ActuationRunner> logger,
        AgentMetrics? metrics = null)
    {
        _metrics = metrics;
        _journal = journal;
        _capabilities = capabilities.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _gates = _capabilities.Keys.ToDictionary(name => name, _ => new SemaphoreSlim(1, 1), StringComparer.Ordinal);
        _dispenser = dispenser.Value;
        _time = time;
        _logger = logger;
    }

    public IReadOnlyCollection<string> Capabilities => _capabilities.Keys;

    /// <summary>Whether this agent hosts the capability that performs <paramref name="kind"/>.</summary>
    public bool CanPerform(string kind) =>
        CommandKinds.CapabilityFor(kind) is { } name && _capabilities.ContainsKey(name);

    public async Task<ActuationOutcome> RunAsync(ActuationRequest request, CancellationToken cancellationToken)
    {
        var name = CommandKinds.CapabilityFor(request.Kind);
        if (name is null || !_capabilities.TryGetValue(name, out var capability))
        {
            throw new ArgumentException($"This agent cannot perform '{request.Kind}'.", nameof(request));
        }

        var gate = _gates[name];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var outcome = await RunUnderGateAsync(request, capability);
            _metrics?.Answered(request.Kind, outcome.State, outcome.Replayed);
            return outcome;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ActuationOutcome> RunUnderGateAsync(ActuationRequest request, ICapability capability)
    {
        if (_journal.Find(request.CommandId) is { } known)
        {
            ActuationLog.Replayed(_logger, request.CommandId, known.State);
            return known.ToOutcome(replayed: true);
        }

        var now = _time.GetUtcNow();
        if (request.ExpiresAt <= now)
        {
            var detail = $"Expired at {request.ExpiresAt:O} before the agent could start it; nothing moved.";
            ActuationLog.Expired(_logger, request.CommandId, request.ExpiresAt);
            return _journal.RecordWithoutIntent(request, CommandState.Expired, detail, now).ToOutcome(replayed: false);
        }

        if (capability.Refuse(request) is { } reason)
        {
            ActuationLog.Refused(_logger, request.CommandId, reason);
            return _journal.RecordWithoutIntent(request, CommandState.Refused, reason, now).ToOutcome(replayed: false);
        }

        if (CommandKinds.IsLockedOut(request.Kind))
        {
            var interval = request.MinimumInterval is { } asked && asked > _dispenser.MinimumInterval ? asked : _dispenser.MinimumInterval;
            var lockout = LockoutPolicy.Check(_journal.LastDispenseStartedAt(), interval, now);
            if (!lockout.Allowed && request.LockoutOverride is null)
            {
                ActuationLog.LockedOut(_logger, request.CommandId, lockout.LockedUntil!.Value);
                return _journal.RecordWithoutIntent(request, CommandState.Refused, lockout.Describe(), now).ToOutcome(replayed: false);
            }

            if (!lockout.Allowed)
            {
                ActuationLog.LockoutOverridden(_logger, request.CommandId, request.LockoutOverride!.By, request.LockoutOverride.Reason);
            }
        }

        _journal.WriteIntent(request, now);
        ActuationLog.Started(_logger, request.CommandId, request.Kind);

        CapabilityResult result;
        try
        {
            // Not cancellable: a movement that has begun finishes, whatever happens to the request that asked.
            var started = _time.GetTimestamp();
            result = await capability.ExecuteAsync(request, CancellationToken.None);
            _metrics?.Ran(request.Kind, _time.GetElapsedTime(started));
        }
        catch (Exception ex)
        {
            ActuationLog.HardwareFault(_logger, ex, request.CommandId);
            result = new CapabilityResult(
                CommandState.Uncertain,
                $"The hardware reported an error part-way ({ex.Message}); whether it moved is unknown. Check the device.");
        }

        var outcome = _journal.WriteOutcome(request.CommandId, result.State, result.Detail, _time.GetUtcNow());
        ActuationLog.Finished(_logger, request.CommandId, outcome.State);
        return outcome.ToOutcome(replayed: false);
    }
}
