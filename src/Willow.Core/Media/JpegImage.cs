using System.Buffers.Binary;

namespace Willow.Core.Media;

/// <summary>What the agent needs to know of a JPEG without decoding it.</summary>
public static class JpegImage
{
    /// <summary>
    /// Reads the width and height from the frame header (a SOF marker, ITU-T T.81 B.2.2). False if the bytes
    /// are not a JPEG or end before the header: a camera that sent something else is not taken for a photo.
    /// </summary>
    public static bool TryReadSize(ReadOnlySpan<byte> jpeg, out int width, out int height)
    {
        width = 0;
        height = 0;
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return false;
        }

        var i = 2;
        while (i + 1 < jpeg.Length)
        {
            if (jpeg[i] != 0xFF)
            {
                return false;
            }

            var marker = jpeg[i + 1];
            i += 2;
            if (marker == 0xFF)
            {
                i--;
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (marker is 0xD9 or 0xDA || i + 2 > jpeg.Length)
            {
                // The scan begins (or the image ends) before any frame header.
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[i..]);
            if (IsFrameHeader(marker))
            {
                // Length (2), sample precision (1), number of lines (2), samples per line (2).
                if (length < 7 || i + 7 > jpeg.Length)
                {
                    return false;
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 3)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 5)..]);
                return width > 0 && height > 0;
            }

            i += length;
        }

        return false;
    }

    /// <summary>SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.</summary>
    private static bool IsFrameHeader(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
}
