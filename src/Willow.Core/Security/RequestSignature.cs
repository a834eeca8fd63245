using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Willow.Core.Security;

/// <summary>
/// HMAC-SHA256 signature of a LAN request from the gateway to an agent, so that a stranger on the home
/// Wi-Fi cannot feed the dog. Covers method, path and query, timestamp, nonce and a hash of the body.
/// </summary>
public static class RequestSignature
{
    public const string TimestampHeader = "X-Willow-Timestamp";
    public const string NonceHeader = "X-Willow-Nonce";
    public const string SignatureHeader = "X-Willow-Signature";

    /// <summary>How far a request's timestamp may be from the agent's clock.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(30);

    public static string Compute(
        ReadOnlySpan<byte> key, string method, string pathAndQuery, long timestampSeconds, string nonce, ReadOnlySpan<byte> body)
    {
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var canonical = string.Join(
            '\n',
            method.ToUpperInvariant(),
            pathAndQuery,
            timestampSeconds.ToString(CultureInfo.InvariantCulture),
            nonce,
            bodyHash);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// Puts the timestamp, nonce and signature headers on a request (replacing any there), signed over
    /// <paramref name="body"/>: what the gateway sends every agent request with.
    /// </summary>
    public static void Sign(
        HttpRequestHeaders headers, ReadOnlySpan<byte> key, string method, string pathAndQuery, long timestampSeconds, string nonce, ReadOnlySpan<byte> body)
    {
        var signature = Compute(key, method, pathAndQuery, timestampSeconds, nonce, body);
        headers.Remove(TimestampHeader);
        headers.Remove(NonceHeader);
        headers.Remove(SignatureHeader);
        headers.Add(TimestampHeader, timestampSeconds.ToString(CultureInfo.InvariantCulture));
        headers.Add(NonceHeader, nonce);
        headers.Add(SignatureHeader, signature);
    }

    /// <summary>Compares in constant time, so the signature cannot be guessed byte by byte.</summary>
    public static bool Matches(string expected, string? presented)
    {
        if (presented is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented));
    }

    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
