using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Willow.Hub.Alerts;

/// <summary>
/// The <c>Willow-Signature</c> header of a webhook: <c>t=UNIX_SECONDS,v1=HEX</c>, where HEX is the lower-case
/// HMAC-SHA256, keyed with the channel's secret (its UTF-8 bytes), of <c>t + "." + body</c>. A receiver recomputes it
/// over the raw body, compares in constant time and refuses a <c>t</c> far from its own clock (replays).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Willow-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>What a receiver does: true if <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> and is within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            || !parts.TryGetValue("v1", out var v1) || Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body).Split("v1=")[1]);
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(v1));
    }
}
