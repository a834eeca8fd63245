using Willow.Core.Protocol;
using Willow.Hub.Audit;

namespace Willow.Hub.Commands;

/// <summary>
/// Where commands and their timelines are kept. Every state change goes through
/// <see cref="ApplyAsync"/>, which decides and writes atomically, so two racing reports cannot both win.
/// </summary>
public interface ICommandStore
{
    /// <summary>
    /// Claims an idempotency key for a request with the given hash. A claim older than
    /// <paramref name="lease"/> that never produced a command was abandoned (the node died) and is taken over.
    /// </summary>
    Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(
        IdempotencyKeyScope scope, string requestHash, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Gives a claimed key back after the request failed, so a retry can claim it.</summary>
    Task ReleaseIdempotencyKeyAsync(IdempotencyKeyScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new command in <c>queued</c> with its first event. If <paramref name="idempotencyKey"/> is
    /// given, the key is completed with the command's id in the same transaction; so are the audit entries
    /// (who fed, who overrode a lockout): there is never a command without its record, nor the reverse.
    /// </summary>
    Task<CommandRecord> CreateAsync(CommandEnvelope command, IdempotencyKeyScope? idempotencyKey, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken);

    /// <summary>
    /// Records a command the home issued itself (a scheduled dose) as already <c>delivered</c>; nothing if it
    /// is known. The hub never pushes or expires it: it was born at home. A person's command from home (a press in Home
    /// Assistant) brings its <paramref name="audit"/> entries, written in the same transaction.
    /// </summary>
    Task<bool> RecordIssuedAtHomeAsync(CommandEnvelope command, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken);

    Task<CommandRecord?> GetAsync(Guid householdId, Guid commandId, CancellationToken cancellationToken);

    /// <summary>
    /// Decides each reported change in order with <see cref="Core.Commands.CommandStateMachine"/> and records
    /// those that change anything, all in one transaction (a gateway's batch costs one write to disk).
    /// </summary>
    Task<IReadOnlyList<TransitionResult>> ApplyAsync(Guid householdId, IReadOnlyList<CommandStateReport> reports, CancellationToken cancellationToken);

    /// <summary>The most recent commands of a household (or one device), newest first.</summary>
    Task<IReadOnlyList<CommandRecord>> ListRecentAsync(Guid householdId, string? deviceId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Commands for a gateway's devices that are not final: what the gateway must (re)consider after it
    /// connects. Queued commands already past their expiry are left to <see cref="ExpireOverdueAsync"/>.
    /// </summary>
    Task<IReadOnlyList<CommandEnvelope>> ListOpenForGatewayAsync(
        Guid householdId, string gatewayId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Hands the oldest queued, unexpired command of a direct-mode device over: it becomes <c>delivered</c>.</summary>
    Task<CommandRecord?> TakeNextForDirectDeviceAsync(Guid householdId, string deviceId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks queued commands whose expiry is at or before <paramref name="cutoff"/> as expired; returns them.</summary>
    Task<IReadOnlyList<CommandRecord>> ExpireOverdueAsync(DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets idempotency keys claimed before <paramref name="cutoff"/>.</summary>
    Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
