namespace Willow.Gateway.Discovery;

/// <summary>Where an agent listens on the LAN.</summary>
public sealed record AgentEndpoint(string DeviceId, Uri BaseAddress);
