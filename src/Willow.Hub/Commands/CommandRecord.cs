using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Hub.Commands;

/// <summary>A command as the store keeps it: the immutable envelope, where it is now, and its timeline.</summary>
public sealed record CommandRecord(
    CommandEnvelope Envelope,
    CommandState State,
    EventSource StateSource,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<CommandEvent> Events);
