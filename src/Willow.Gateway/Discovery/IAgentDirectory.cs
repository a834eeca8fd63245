namespace Willow.Gateway.Discovery;

/// <summary>
/// Finds the home's agents. <c>static</c> reads them from configuration; <c>consul</c> (later) follows the
/// healthy instances Consul knows.
/// </summary>
public interface IAgentDirectory
{
    /// <summary>Every agent the gateway is responsible for now.</summary>
    IReadOnlyList<AgentEndpoint> Agents { get; }

    AgentEndpoint? Find(string deviceId);
}
