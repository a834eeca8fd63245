namespace Willow.Hosting;

/// <summary>
/// How a process of one role (hub, gateway, agent) is configured: an optional JSON file, then
/// <c>WILLOW__</c> environment variables, then settings from the command line, each overriding the last.
/// </summary>
public sealed record RoleSettings(string? ConfigFile = null, IReadOnlyDictionary<string, string?>? Settings = null)
{
    public static RoleSettings Empty { get; } = new();

    public RoleSettings With(string key, string? value)
    {
        var merged = new Dictionary<string, string?>(Settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase)
        {
            [key] = value,
        };
        return this with { Settings = merged };
    }
}
