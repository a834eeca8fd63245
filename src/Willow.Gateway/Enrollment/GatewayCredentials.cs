using System.Text.Json;
using System.Text.Json.Serialization;

namespace Willow.Gateway.Enrollment;

/// <summary>
/// What <c>willow gateway enroll</c> keeps in the gateway's data directory: which hub, which household, and the
/// long-lived token the one-time code was exchanged for. Readable by its owner only.
/// </summary>
public sealed record GatewayCredentials(string HubUrl, Guid HouseholdId, string GatewayId, string Token, DateTimeOffset EnrolledAt)
{
    public const string FileName = "hub-credentials.json";

    public static string PathIn(string dataDirectory) => System.IO.Path.Combine(dataDirectory, FileName);

    /// <summary>The credentials in the data directory, or null when the gateway has not enrolled.</summary>
    public static GatewayCredentials? Load(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), GatewayCredentialsJson.Default.GatewayCredentials)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({ex.Message}); enroll the gateway again.", ex);
        }
    }

    /// <summary>Written whole or not at all (a power cut must not leave half a token), mode 0600.</summary>
    public void Save(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = PathIn(dataDirectory);
        var temporary = path + ".tmp";
        File.Delete(temporary); // a leftover would keep its old mode
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, this, GatewayCredentialsJson.Default.GatewayCredentials);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(GatewayCredentials))]
internal sealed partial class GatewayCredentialsJson : JsonSerializerContext;
