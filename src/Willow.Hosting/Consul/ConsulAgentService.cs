namespace Willow.Hosting.Consul;

/// <summary>A service instance as the health endpoint lists it.</summary>
public sealed record ConsulAgentService(
    string ID,
    string Service,
    IReadOnlyList<string>? Tags,
    string? Address,
    int Port,
    IReadOnlyDictionary<string, string>? Meta);
