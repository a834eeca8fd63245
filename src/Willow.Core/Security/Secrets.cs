using System.Security.Cryptography;
using System.Text;

namespace Willow.Core.Security;

/// <summary>Tokens handed to people and gateways: random, URL-safe, compared by hash in constant time.</summary>
public static class Secrets
{
    public static string NewToken(string prefix) =>
        prefix + "_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static bool Equal(string presented, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), expectedHash);
}
