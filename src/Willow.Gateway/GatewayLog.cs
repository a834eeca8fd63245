using Microsoft.Extensions.Logging;

namespace Willow.Gateway;

/// <summary>Structured log messages of the gateway host (event ids 2200–2299).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(2200, LogLevel.Information, "Gateway journal {Path} open; resuming {Count} unfinished command(s)")]
    public static partial void Started(ILogger logger, string path, int count);
}
