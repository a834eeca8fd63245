namespace Willow.Hosting.Consul;

/// <summary>How an agent is named in Consul, which the agent writes and the gateway reads.</summary>
public static class WillowAgentService
{
    /// <summary>The service every agent registers under; its tags are the board's capabilities.</summary>
    public const string Name = "willow-agent";

    /// <summary>Meta key with the device id the hub knows the board by.</summary>
    public const string DeviceIdMeta = "device_id";

    /// <summary>Meta key with the agent's Willow version.</summary>
    public const string VersionMeta = "version";

    /// <summary>One instance per board: <c>willow-agent-treat-dispenser</c>.</summary>
    public static string IdFor(string deviceId) => $"{Name}-{deviceId}";
}
