using Microsoft.Extensions.Logging;
using Willow.Core.Commands;

namespace Willow.Agent.Direct;

/// <summary>Structured log messages of direct mode (event ids 3200–3299).</summary>
internal static partial class DirectLog
{
    [LoggerMessage(3200, LogLevel.Information, "Direct mode: asking {HubUrl} for commands ({Mode})")]
    public static partial void Starting(ILogger logger, string hubUrl, DirectPolling mode);

    [LoggerMessage(3201, LogLevel.Information, "Direct mode: announced device {DeviceId} to the hub")]
    public static partial void Announced(ILogger logger, string deviceId);

    [LoggerMessage(3202, LogLevel.Information, "Direct mode: received command {CommandId} ({Kind})")]
    public static partial void Received(ILogger logger, Guid commandId, string kind);

    [LoggerMessage(3203, LogLevel.Warning, "Direct mode: hub not reachable ({Reason}); trying again in {Delay}")]
    public static partial void HubUnreachable(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(3204, LogLevel.Information, "Direct mode: reported the outcome of command {CommandId} ({State}) that was waiting")]
    public static partial void LateReport(ILogger logger, Guid commandId, CommandState state);
}
