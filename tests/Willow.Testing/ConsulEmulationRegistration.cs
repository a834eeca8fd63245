using System.Text.Json;
using Willow.Hosting.Consul;

namespace Willow.Testing;

/// <summary>
/// Reads a <c>PUT /v1/agent/service/register</c> body as Consul does: keys matched without regard to case (Go's
/// JSON decoder), <c>Name</c> required, <c>ID</c> defaulting to the name, one <c>Check</c> with <c>HTTP</c> and
/// <c>Interval</c>, durations as Go duration strings.
/// </summary>
internal static class ConsulEmulationRegistration
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    public static ConsulEmulationService Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var name = Text(root, "Name") ?? throw new InvalidOperationException("Missing service name");
        Uri? checkUrl = null;
        var interval = TimeSpan.Zero;
        var timeout = TimeSpan.FromSeconds(10);
        TimeSpan? deregisterAfter = null;
        var method = "GET";
        if (Property(root, "Check") is { ValueKind: JsonValueKind.Object } check)
        {
            var http = Text(check, "HTTP") ?? throw new InvalidOperationException("Only HTTP checks are emulated");
            checkUrl = new Uri(http, UriKind.Absolute);
            interval = Duration(check, "Interval") ?? throw new InvalidOperationException("Interval must be > 0 for Script, HTTP, H2PING, TCP or UDP checks");

            // Consul runs no check more often than once a second ("check interval too small", then 1s).
            interval = interval < MinimumInterval ? MinimumInterval : interval;
            timeout = Duration(check, "Timeout") ?? timeout;
            deregisterAfter = Duration(check, "DeregisterCriticalServiceAfter");
            method = Text(check, "Method") ?? method;
        }

        var tags = Property(root, "Tags") is { ValueKind: JsonValueKind.Array } tagArray
            ? tagArray.EnumerateArray().Select(t => t.GetString() ?? "").ToList()
            : [];
        var meta = Property(root, "Meta") is { ValueKind: JsonValueKind.Object } metaObject
            ? metaObject.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new ConsulEmulationService
        {
            Id = Text(root, "ID") ?? name,
            Name = name,
            Address = Text(root, "Address") ?? "",
            Port = Property(root, "Port") is { ValueKind: JsonValueKind.Number } port ? port.GetInt32() : 0,
            Tags = tags,
            Meta = meta,
            CheckUrl = checkUrl,
            CheckMethod = method,
            CheckInterval = interval,
            CheckTimeout = timeout,
            DeregisterCriticalAfter = deregisterAfter,
            Body = body,
        };
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;

    private static TimeSpan? Duration(JsonElement element, string name) =>
        Text(element, name) is { } text
            ? ConsulDuration.Parse(text) ?? throw new FormatException($"time: invalid duration \"{text}\"")
            : null;
}
