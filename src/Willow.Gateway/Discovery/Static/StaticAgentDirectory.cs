using Microsoft.Extensions.Options;

namespace Willow.Gateway.Discovery.Static;

/// <summary>The agents written in the gateway's configuration.</summary>
public sealed class StaticAgentDirectory(IOptions<StaticDiscoveryOptions> options) : IAgentDirectory
{
    private readonly IReadOnlyList<AgentEndpoint> _agents =
        [.. options.Value.Agents.Select(a => new AgentEndpoint(a.DeviceId, new Uri(a.Url.TrimEnd('/') + "/")))];

    public IReadOnlyList<AgentEndpoint> Agents => _agents;

    /// <summary>Configuration is read once: the list never changes while the gateway runs.</summary>
    public event Action? Changed
    {
        add { }
        remove { }
    }

    public AgentEndpoint? Find(string deviceId) => _agents.FirstOrDefault(a => a.DeviceId == deviceId);
}
