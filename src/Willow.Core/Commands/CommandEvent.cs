namespace Willow.Core.Commands;

/// <summary>One step of a command's timeline.</summary>
public sealed record CommandEvent(CommandState State, DateTimeOffset At, EventSource Source, string? Detail);
