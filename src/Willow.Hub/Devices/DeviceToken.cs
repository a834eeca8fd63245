using System.Text.RegularExpressions;

namespace Willow.Hub.Devices;

/// <summary>A direct-mode device's new token: <see cref="Token"/> is shown this once.</summary>
public sealed record DeviceToken(string DeviceId, string Token, string Command);

public static partial class DeviceIds
{
    public const string Rule = "deviceId must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit.";

    public static bool IsValid(string deviceId) => Pattern().IsMatch(deviceId);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex Pattern();
}
