using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Gateway.Journal;

/// <summary>A command as the gateway's journal holds it.</summary>
public sealed record RelayedCommand(
    CommandEnvelope Envelope,
    CommandState State,
    string? Detail,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
