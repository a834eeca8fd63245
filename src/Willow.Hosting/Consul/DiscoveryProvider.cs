namespace Willow.Hosting.Consul;

/// <summary>The values of <c>Discovery:Provider</c>, shared by the gateway (how it finds agents) and the agent (whether it registers).</summary>
public static class DiscoveryProvider
{
    public const string Key = "Discovery:Provider";

    public const string Static = "static";

    public const string Consul = "consul";
}
