using Willow.Core.Protocol;

namespace Willow.Gateway.Relay;

/// <summary>What one request to an agent came to.</summary>
public sealed record AgentCallResult(AgentCallStatus Status, ActuationOutcome? Outcome = null, string? Problem = null);

public enum AgentCallStatus
{
    /// <summary>The agent answered with the command's outcome.</summary>
    Answered,

    /// <summary>The agent refused the request itself (4xx): retrying cannot help.</summary>
    Rejected,

    /// <summary>No connection could be made: the agent certainly did not receive it.</summary>
    NotReached,

    /// <summary>The request may have reached the agent (timeout, dropped connection, 5xx): ask again.</summary>
    Indeterminate,
}
