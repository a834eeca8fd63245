using Willow.Core.Commands;

namespace Willow.Core.Protocol;

/// <summary>
/// The recorded result of an actuation. <see cref="Replayed"/> is true when the agent had already seen the
/// command id and answered from its journal without moving anything.
/// </summary>
public sealed record ActuationOutcome(
    Guid CommandId,
    CommandState State,
    string? Detail,
    DateTimeOffset? StartedAt,
    DateTimeOffset FinishedAt,
    bool Replayed);
