namespace Willow.Core.Protocol;

/// <summary>What an agent says about itself (<c>GET /api/v1/info</c>); the gateway probes it for presence.</summary>
public sealed record AgentInfo(
    string DeviceId,
    string Name,
    IReadOnlyList<string> Capabilities,
    string Version,
    TimeSpan? DispenseMinimumInterval);
