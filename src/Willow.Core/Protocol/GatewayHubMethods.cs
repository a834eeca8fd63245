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

    /// <summary>Returns the household's <see cref="RegimenSet"/>.</summary>
    public const string SyncRegimens = "SyncRegimens";

    /// <summary>Takes commands the gateway issued itself (scheduled doses), so the hub knows them before their states.</summary>
    public const string ReportCommandsIssued = "ReportCommandsIssued";

    /// <summary>Takes a batch of <see cref="DoseReport"/>; returns how many are settled.</summary>
    public const string ReportDoses = "ReportDoses";

    /// <summary>Takes a <see cref="ClockReport"/>.</summary>
    public const string ReportClock = "ReportClock";

    /// <summary>Takes a batch of <see cref="DeviceReadings"/>; returns how many batches are settled.</summary>
    public const string ReportReadings = "ReportReadings";

    /// <summary>Streams a camera's JPEG frames (a stream of <c>byte[]</c>) for a live view the hub asked for.</summary>
    public const string UploadCameraFrames = "UploadCameraFrames";

    /// <summary>Returns the hub's clock, so a gateway can check its own.</summary>
    public const string GetHubTime = "GetHubTime";

    public const string Path = "/hubs/gateway";
}
