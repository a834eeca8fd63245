using System.Text.Json;
using Willow.Testing;

namespace Willow.System.Tests.Deploy;

/// <summary>
/// Debian's <c>docker-compose</c> (1.29, the Compose Specification without an engine): <c>config</c> validates a file
/// against the specification and interpolates its variables, and needs no Docker daemon. Its output is read as JSON
/// through PyYAML, which the same package depends on.
/// </summary>
internal static class DockerCompose
{
    public const string Program = "/usr/bin/docker-compose";

    public static string Folder { get; } = Repository.PathTo("deploy");

    /// <summary><c>docker-compose -f FILE config</c> with exactly these variables: no .env, nothing from the test's own environment.</summary>
    public static async Task<(int ExitCode, string Output)> ConfigAsync(string file, IReadOnlyDictionary<string, string> variables, bool quiet)
    {
        Assert.True(File.Exists(Program), "docker-compose is not installed: apt-get install -y --no-install-recommends docker-compose");
        using var directory = new TempDirectory("compose");
        var empty = directory.File("empty.env");
        await File.WriteAllTextAsync(empty, "");
        var environment = new Dictionary<string, string>(variables)
        {
            // Each test names what it sets; a developer's own settings must not fill the gaps.
            ["COMPOSE_PROFILES"] = variables.GetValueOrDefault("COMPOSE_PROFILES", ""),
        };
        foreach (var name in InterpolatedNames(file).Where(n => !variables.ContainsKey(n)))
        {
            environment[name] = "";
        }

        string[] arguments = ["--env-file", empty, "--project-directory", Folder, "-f", Path.Combine(Folder, file), "config", .. quiet ? new[] { "-q" } : []];
        return await Publishing.Arm64File.RunAsync(Program, arguments, TimeSpan.FromMinutes(1), environment);
    }

    /// <summary>The file as docker-compose resolves it (anchors merged, variables put in, paths made absolute).</summary>
    public static async Task<JsonElement> ReadAsync(string file, IReadOnlyDictionary<string, string> variables)
    {
        var (code, yaml) = await ConfigAsync(file, variables, quiet: false);
        Assert.True(code == 0, $"docker-compose config {file} ({code}):\n{yaml}");
        using var directory = new TempDirectory("compose");
        var path = directory.File("config.yml");
        await File.WriteAllTextAsync(path, yaml);
        var (converted, json) = await Publishing.Arm64File.RunAsync(
            "/usr/bin/python3", ["-c", "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)", path], TimeSpan.FromMinutes(1));
        Assert.True(converted == 0, json);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Every variable a compose file reads: <c>${NAME}</c>, <c>${NAME:-default}</c>, <c>${NAME:?message}</c>.</summary>
    public static IReadOnlySet<string> InterpolatedNames(string file) =>
        global::System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Path.Combine(Folder, file)), @"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

    public static JsonElement Service(this JsonElement config, string name) => config.GetProperty("services").GetProperty(name);

    /// <summary>A service's environment as a dictionary (docker-compose writes it as a mapping).</summary>
    public static IReadOnlyDictionary<string, string> Environment(this JsonElement service) =>
        service.TryGetProperty("environment", out var environment)
            ? environment.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
            : new Dictionary<string, string>();

    public static IReadOnlyList<string> Strings(this JsonElement service, string property) =>
        service.TryGetProperty(property, out var value) ? [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())] : [];

    public static string? Text(this JsonElement service, string property) =>
        service.TryGetProperty(property, out var value) ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) : null;
}
