using System.Text.Json;

namespace Willow.Cli.Client;

/// <summary>
/// Where the client commands find their hub: flags, then <c>WILLOW_HUB_URL</c> / <c>WILLOW_TOKEN</c> /
/// <c>WILLOW_HOUSEHOLD</c>, then the profile that <c>willow login</c> (or <c>willow demo</c>) saved.
/// </summary>
public sealed record ClientProfile(string? HubUrl, string? Token, Guid? HouseholdId, Guid? TokenId = null)
{
    public static string DefaultPath
    {
        get
        {
            var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            if (string.IsNullOrEmpty(config))
            {
                config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            }

            return Path.Combine(config, "willow", "cli.json");
        }
    }

    public static ClientProfile Load(string path)
    {
        if (!File.Exists(path))
        {
            return new ClientProfile(null, null, null);
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CliJsonContext.Default.ClientProfile) ?? new ClientProfile(null, null, null);
        }
        catch (JsonException ex)
        {
            throw new CliException($"The profile {path} is not valid JSON ({ex.Message}). Run 'willow login' again.", ExitCodes.Usage);
        }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, CliJsonContext.Default.ClientProfile));
        if (!OperatingSystem.IsWindows())
        {
            // It holds a token.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Combines flags, environment and the saved profile, most specific first.</summary>
    public static ClientProfile Resolve(string? hubUrl, string? token, Guid? householdId, string profilePath)
    {
        var saved = Load(profilePath);
        var envHousehold = Environment.GetEnvironmentVariable("WILLOW_HOUSEHOLD");
        return new ClientProfile(
            hubUrl ?? NullIfEmpty(Environment.GetEnvironmentVariable("WILLOW_HUB_URL")) ?? saved.HubUrl,
            token ?? NullIfEmpty(Environment.GetEnvironmentVariable("WILLOW_TOKEN")) ?? saved.Token,
            householdId ?? (Guid.TryParse(envHousehold, out var h) ? h : saved.HouseholdId),
            token is null ? saved.TokenId : null);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
