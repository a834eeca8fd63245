using System.Text.Json;

namespace Willow.Core.Protocol;

/// <summary>
/// What the gateway asks an agent to do (<c>POST /api/v1/actuations</c>). The command id makes it idempotent.
/// <see cref="MinimumInterval"/> is the lockout the gateway knows from the regimens; the agent applies the
/// longer of it and its own.
/// </summary>
public sealed record ActuationRequest(
    Guid CommandId,
    string Kind,
    JsonElement Args,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    Guid? DoseId = null,
    LockoutOverride? LockoutOverride = null,
    TimeSpan? MinimumInterval = null)
{
    public static ActuationRequest From(CommandEnvelope command) => new(
        command.Id, command.Kind, command.Args, command.IssuedAt, command.ExpiresAt, command.DoseId, command.LockoutOverride);
}
