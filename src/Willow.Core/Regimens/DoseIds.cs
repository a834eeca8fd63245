using System.Security.Cryptography;

namespace Willow.Core.Regimens;

/// <summary>
/// A dose's id is derived from its regimen and its scheduled instant (a name-based UUID, version 8), so the
/// hub and a gateway that has not heard from the hub for days name the same dose the same way.
/// </summary>
public static class DoseIds
{
    public static Guid For(Guid regimenId, DateTimeOffset scheduledAt)
    {
        Span<byte> input = stackalloc byte[24];
        regimenId.TryWriteBytes(input[..16], bigEndian: true, out _);
        BitConverter.TryWriteBytes(input[16..], scheduledAt.ToUniversalTime().ToUnixTimeMilliseconds());
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
