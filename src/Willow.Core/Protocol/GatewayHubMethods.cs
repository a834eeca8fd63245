namespace Willow.Core.Protocol;

/// <summary>Methods a gateway invokes on the hub's <c>/hubs/gateway</c> (see <c>docs/architecture.md</c>).</summary>
public static class GatewayHubMethods
{
    /// <summary>Returns the home's commands that are not final and not yet expired, oldest first.</summary>
    public const string SyncCommands = "SyncCommands";

    /// <summary>Takes a batch of <see cref="CommandStateReport"/>; returns how many were recorded or already known.</summary>
    public const string ReportCommandStates = "ReportCommandStates";

    /// <summary>Takes a <see cref="DevicePresenceReport"/>.</summary>
    public const string ReportDevices = "ReportDevices";

    public const string Path = "/hubs/gateway";
}
