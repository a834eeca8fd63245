using Willow.Core.Commands;

namespace Willow.Core.Protocol;

/// <summary>A state change of one command, as the home observed it.</summary>
public sealed record CommandStateReport(Guid CommandId, CommandState State, DateTimeOffset At, EventSource Source, string? Detail);
