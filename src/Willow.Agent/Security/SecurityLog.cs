using Microsoft.Extensions.Logging;

namespace Willow.Agent.Security;

/// <summary>Structured log messages of request signing (event ids 3100–3199).</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(3100, LogLevel.Warning, "Refused {Method} {Path} from {RemoteAddress}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string path, string remoteAddress, string reason);
}
