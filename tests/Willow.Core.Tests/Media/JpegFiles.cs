namespace Willow.Core.Tests.Media;

/// <summary>Small hand-built JPEGs for the JPEG tests.</summary>
internal static class JpegFiles
{
    /// <summary>
    /// A structurally complete JPEG with the traps a naive splitter falls into: an APP1 segment holding an
    /// embedded thumbnail (its own FFD8…FFD9), a stuffed 0xFF in the scan, and a restart marker.
    /// </summary>
    public static byte[] Tricky(int width, int height, byte fill, int scanBytes = 4)
    {
        byte[] thumbnail = [0xFF, 0xD8, 0xFF, 0xD9];
        List<byte> jpeg = [0xFF, 0xD8];
        Segment(jpeg, 0xE1, [.. "Exif\0\0"u8.ToArray(), .. thumbnail]);
        Segment(jpeg, 0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);
        Segment(jpeg, 0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        Segment(jpeg, 0xDA, [1, 1, 0, 0, 63, 0]);
        jpeg.AddRange([fill, 0xFF, 0x00, fill, 0xFF, 0xD0, .. Enumerable.Repeat(fill, scanBytes), 0xFF, 0xD9]);
        return [.. jpeg];
    }

    private static void Segment(List<byte> jpeg, byte marker, byte[] body)
    {
        var length = body.Length + 2;
        jpeg.AddRange([0xFF, marker, (byte)(length >> 8), (byte)length]);
        jpeg.AddRange(body);
    }
}
