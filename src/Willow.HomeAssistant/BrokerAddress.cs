using System.Diagnostics.CodeAnalysis;

namespace Willow.HomeAssistant;

/// <summary>Where the broker listens, from <c>mqtt://user:password@host:port</c> (<c>mqtts://</c> for TLS).</summary>
public sealed record BrokerAddress(string Host, int Port, bool UseTls, string? Username, string? Password)
{
    public const int DefaultPort = 1883;
    public const int DefaultTlsPort = 8883;

    /// <summary>What a person can write, for messages that say what is wrong.</summary>
    public const string Expected = "mqtt://host:port (or mqtts://host:port for TLS), e.g. mqtt://127.0.0.1:1883";

    public static bool TryParse(string? text, [NotNullWhen(true)] out BrokerAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            return false;
        }

        var tls = uri.Scheme switch
        {
            "mqtt" or "tcp" => false,
            "mqtts" or "ssl" => true,
            _ => (bool?)null,
        };
        if (tls is null || uri.Host.Length == 0 || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0)
        {
            return false;
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls.Value ? DefaultTlsPort : DefaultPort) : uri.Port;
        address = new BrokerAddress(uri.IdnHost, port, tls.Value, user, password);
        return true;
    }

    /// <summary>For logs: never the password.</summary>
    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}
