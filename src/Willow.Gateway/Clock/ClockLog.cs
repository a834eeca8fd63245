using Microsoft.Extensions.Logging;

namespace Willow.Gateway.Clock;

/// <summary>Structured log messages of the clock guard (event ids 2300–2349).</summary>
internal static partial class ClockLog
{
    [LoggerMessage(2300, LogLevel.Information, "Clock trusted for scheduled doses: {Reason}")]
    public static partial void Trusted(ILogger logger, string reason);

    [LoggerMessage(2302, LogLevel.Warning, "Clock not trusted; no scheduled dose will be given: {Reason}")]
    public static partial void Untrusted(ILogger logger, string reason);

    [LoggerMessage(2301, LogLevel.Debug, "Checking the clock failed: {Reason}")]
    public static partial void CheckFailed(ILogger logger, string reason);
}
