using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Agent.Journal;

/// <summary>One command as the agent's journal holds it.</summary>
public sealed record JournalEntry(
    Guid CommandId,
    string Kind,
    CommandState State,
    string? Detail,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public ActuationOutcome ToOutcome(bool replayed) =>
        new(CommandId, State, Detail, StartedAt, FinishedAt ?? ReceivedAt, replayed);
}
