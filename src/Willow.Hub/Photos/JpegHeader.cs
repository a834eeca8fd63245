using System.Buffers.Binary;

namespace Willow.Hub.Photos;

/// <summary>
/// Reads a JPEG's size from its start-of-frame marker (ITU T.81, B.2.2), which also proves the upload is a
/// JPEG and not something else named like one.
/// </summary>
public static class JpegHeader
{
    public static bool TryReadSize(ReadOnlySpan<byte> jpeg, out int width, out int height)
    {
        width = height = 0;
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return false;
        }

        var at = 2;
        while (at + 4 <= jpeg.Length)
        {
            if (jpeg[at] != 0xFF)
            {
                return false;
            }

            var marker = jpeg[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 2)..]);
            // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (at + 9 > jpeg.Length)
                {
                    return false;
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 7)..]);
                return width > 0 && height > 0;
            }

            if (marker == 0xDA || length < 2)
            {
                return false; // image data began without a frame header
            }

            at += 2 + length;
        }

        return false;
    }
}
