namespace Willow.Gateway.Discovery;

/// <summary>
/// Finds the home's agents. <c>static</c> reads them from configuration; <c>consul</c> follows the
/// instances passing their health check in Consul.
/// </summary>
public interface IAgentDirectory
{
    /// <summary>Every agent the gateway is responsible for now.</summary>
    IReadOnlyList<AgentEndpoint> Agents { get; }

    AgentEndpoint? Find(string deviceId);

    /// <summary>Raised after <see cref="Agents"/> changed (never, for a static list), so presence reaches the hub at once.</summary>
    event Action? Changed;
}
