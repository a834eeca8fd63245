using System.Security.Cryptography;

namespace Willow.Core.Security;

/// <summary>The secret shared by a home's gateway and its agents (at least 32 random bytes, base64).</summary>
public static class HomeKey
{
    public const int MinimumBytes = 32;

    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes));

    public static bool TryParse(string? text, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return key.Length >= MinimumBytes;
    }
}
