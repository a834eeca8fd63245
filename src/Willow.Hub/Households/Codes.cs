using System.Security.Cryptography;

namespace Willow.Hub.Households;

/// <summary>
/// One-time codes people read and type (invitations, gateway enrolment): Crockford base32, grouped, with no
/// letters that look like digits. 60 random bits; stored only as a hash; expiring; rate-limited at the door.
/// </summary>
public static class Codes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[bytes[i] & 31];
        }

        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    /// <summary>As typed: any case, with or without the dashes, O for 0 and I/L for 1.</summary>
    public static string Normalize(string code) => code.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal)
        .Replace(" ", "", StringComparison.Ordinal).Replace('O', '0').Replace('I', '1').Replace('L', '1');

    public static string Hash(string code) => Access.Credentials.Hash("code:" + Normalize(code));
}
