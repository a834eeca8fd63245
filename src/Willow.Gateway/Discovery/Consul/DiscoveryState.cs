namespace Willow.Gateway.Discovery.Consul;

/// <summary>Whether Consul has ever answered, and, while it does not, since when and why.</summary>
public sealed record DiscoveryState(bool Answered, DateTimeOffset? FailingSince, string? LastError);
