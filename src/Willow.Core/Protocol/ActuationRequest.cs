using System.Text.Json;

namespace Willow.Core.Protocol;

/// <summary>What the gateway asks an agent to do (<c>POST /api/v1/actuations</c>). The command id makes it idempotent.</summary>
public sealed record ActuationRequest(
    Guid CommandId,
    string Kind,
    JsonElement Args,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    Guid? DoseId = null,
    LockoutOverride? LockoutOverride = null)
{
    public static ActuationRequest From(CommandEnvelope command) => new(
        command.Id, command.Kind, command.Args, command.IssuedAt, command.ExpiresAt, command.DoseId, command.LockoutOverride);
}
