namespace Willow.Testing;

/// <summary>
/// The runtime environment a role's systemd unit gives it (<c>Environment=</c> lines of
/// <c>deploy/systemd/willow-ROLE.service</c>), so that the benchmarks and the system tests run each process as it is
/// shipped and cannot drift from the units. Willow's own settings (<c>WILLOW__…</c>) and values with systemd specifiers (<c>%C</c>) are the caller's
/// to choose and are left out.
/// </summary>
public static class UnitEnvironment
{
    public static Dictionary<string, string> For(string role, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Repository.PathTo("deploy", "systemd", $"willow-{role}.service")))
        {
            if (line.StartsWith("Environment=", StringComparison.Ordinal)
                && line["Environment=".Length..].Split('=', 2) is [var name, var value]
                && !name.StartsWith("WILLOW__", StringComparison.Ordinal)
                && !value.Contains('%', StringComparison.Ordinal))
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }

    public static string Describe(IReadOnlyDictionary<string, string> environment) =>
        environment.Count == 0 ? "none" : string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}"));
}
