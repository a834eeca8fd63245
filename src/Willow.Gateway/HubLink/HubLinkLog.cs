using Microsoft.Extensions.Logging;

namespace Willow.Gateway.HubLink;

/// <summary>Structured log messages of the hub link (event ids 2100–2199).</summary>
internal static partial class HubLinkLog
{
    [LoggerMessage(2100, LogLevel.Information, "Connected to the hub at {HubUrl}")]
    public static partial void Connected(ILogger logger, Uri hubUrl);

    [LoggerMessage(2101, LogLevel.Warning, "Lost the hub link: {Reason}")]
    public static partial void Lost(ILogger logger, string reason);

    [LoggerMessage(2102, LogLevel.Warning, "Could not connect to the hub at {HubUrl}: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, Uri hubUrl, string reason);

    [LoggerMessage(2103, LogLevel.Information, "Reconnecting to the hub in {Delay}")]
    public static partial void Retrying(ILogger logger, TimeSpan delay);

    [LoggerMessage(2104, LogLevel.Information, "Synced {Count} open command(s) from the hub")]
    public static partial void Synced(ILogger logger, int count);

    [LoggerMessage(2105, LogLevel.Warning, "Could not send state reports to the hub: {Reason}; they wait in the outbox")]
    public static partial void OutboxFlushFailed(ILogger logger, string reason);

    [LoggerMessage(2106, LogLevel.Debug, "Sent {Count} state report(s) to the hub")]
    public static partial void OutboxFlushed(ILogger logger, int count);

    [LoggerMessage(2107, LogLevel.Warning, "Could not report devices to the hub: {Reason}")]
    public static partial void PresenceReportFailed(ILogger logger, string reason);

    [LoggerMessage(2108, LogLevel.Information, "Device {DeviceId} is now {Presence}")]
    public static partial void PresenceChanged(ILogger logger, string deviceId, string presence);

    [LoggerMessage(2111, LogLevel.Warning, "Picked up {Count} open command(s) whose push never arrived (the periodic sync)")]
    public static partial void PickedUp(ILogger logger, int count);

    [LoggerMessage(2112, LogLevel.Warning, "The periodic sync of open commands failed: {Reason}")]
    public static partial void SyncFailed(ILogger logger, string reason);

    [LoggerMessage(2109, LogLevel.Information, "Synced {Count} regimen(s) from the hub")]
    public static partial void RegimensSynced(ILogger logger, int count);

    [LoggerMessage(2110, LogLevel.Error, "The hub at {HubUrl} refused this gateway's token: it was revoked, or replaced by a new enrolment. An owner can get a new code with 'willow gateway code ID'; then run 'willow gateway enroll --hub URL --code CODE --force' here")]
    public static partial void TokenRefused(ILogger logger, Uri hubUrl);
}
