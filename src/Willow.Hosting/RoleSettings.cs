namespace Willow.Hosting;

/// <summary>
/// How a process of one role (hub, gateway, agent) is configured, lowest precedence first: the role's
/// <see cref="Defaults"/>, an optional JSON file, <c>WILLOW__</c> environment variables, then settings
/// from the command line.
/// </summary>
public sealed record RoleSettings(
    string? ConfigFile = null,
    IReadOnlyDictionary<string, string?>? Settings = null,
    IReadOnlyDictionary<string, string?>? Defaults = null)
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
