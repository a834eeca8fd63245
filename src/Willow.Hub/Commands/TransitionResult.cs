using Willow.Core.Commands;

namespace Willow.Hub.Commands;

/// <summary>
/// What applying a state report did, the command as it now stands (null if unknown), and the state it
/// was in before the report.
/// </summary>
public sealed record TransitionResult(TransitionDecision Decision, CommandRecord? Command, CommandState? Previous = null);
