namespace Willow.Hosting.Consul;

/// <summary>What a blocking query answered: the entries, and the <c>X-Consul-Index</c> to wait on next.</summary>
public sealed record ConsulQueryResult(IReadOnlyList<ConsulServiceEntry> Entries, ulong Index);
