namespace Willow.Hosting.Consul;

/// <summary>The node a service instance runs on; its address stands in when the service gave none.</summary>
public sealed record ConsulNode(string Node, string Address);
