using Willow.Core.Protocol;

namespace Willow.Gateway.Journal;

/// <summary>A state report waiting to reach the hub.</summary>
public sealed record OutboxEntry(long Sequence, CommandStateReport Report);
