using Willow.Core.Commands;

namespace Willow.Hub.Commands;

/// <summary>What applying a state report did, and the command as it now stands (null if unknown).</summary>
public sealed record TransitionResult(TransitionDecision Decision, CommandRecord? Command);
