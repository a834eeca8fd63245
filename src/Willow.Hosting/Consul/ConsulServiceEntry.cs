namespace Willow.Hosting.Consul;

/// <summary>One element of <c>GET /v1/health/service/{name}</c>: the node, the service instance and its checks.</summary>
public sealed record ConsulServiceEntry(ConsulNode Node, ConsulAgentService Service, IReadOnlyList<ConsulCheck>? Checks);
