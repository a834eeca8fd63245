using System.Buffers.Binary;
using System.Text;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>
/// Reads the header of a RIFF/WAVE file (the chunks <c>fmt </c> and <c>data</c>) to check that it is sound
/// <c>aplay</c> can play, and writes 16-bit mono PCM for the built-in sounds.
/// </summary>
public static class WavFile
{
    private const int PcmFormat = 1;
    private const int FloatFormat = 3;
    private const int ExtensibleFormat = 0xFFFE;

    /// <summary>Whether the bytes begin like a WAV file: <c>RIFF</c>, a size, <c>WAVE</c>.</summary>
    public static bool LooksLikeWav(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WAVE"u8);

    /// <summary>Describes a WAV file's sound, or says why it is not one that can be played.</summary>
    public static bool TryDescribe(ReadOnlySpan<byte> bytes, out WavFormat format, out string problem)
    {
        format = new WavFormat(0, 0, 0, 0);
        if (!LooksLikeWav(bytes))
        {
            problem = "It is not a WAV file: it does not begin with RIFF…WAVE.";
            return false;
        }

        (int Format, int Channels, int Rate, int Bits)? fmt = null;
        long? data = null;
        var at = 12;
        while (at + 8 <= bytes.Length && data is null)
        {
            var id = Encoding.ASCII.GetString(bytes.Slice(at, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(at + 4, 4));
            var body = at + 8;
            if (id == "fmt " && size >= 16 && body + 16 <= bytes.Length)
            {
                var chunk = bytes.Slice(body, 16);
                fmt = (BinaryPrimitives.ReadUInt16LittleEndian(chunk), BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]),
                       (int)BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]), BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]));
            }
            else if (id == "data")
            {
                // A WAV written to a pipe may claim more than it holds; what is there is what plays.
                data = Math.Min(size, bytes.Length - body);
            }

            at = (int)Math.Min(int.MaxValue, body + (long)size + (size % 2));
        }

        if (fmt is not { } f)
        {
            problem = "The WAV file has no format ('fmt ') chunk before its sound.";
            return false;
        }

        if (f.Format is not (PcmFormat or FloatFormat or ExtensibleFormat))
        {
            problem = $"The WAV file is compressed (format {f.Format}); send uncompressed PCM WAV, or OGG.";
            return false;
        }

        if (f.Channels is < 1 or > 8 || f.Rate is < 8000 or > 192_000 || f.Bits is not (8 or 16 or 24 or 32))
        {
            problem = $"The WAV file's format is not playable: {f.Channels} channels, {f.Rate} Hz, {f.Bits} bits.";
            return false;
        }

        if (data is not > 0)
        {
            problem = "The WAV file holds no sound (no 'data' chunk, or an empty one).";
            return false;
        }

        format = new WavFormat(f.Channels, f.Rate, f.Bits, data.Value);
        problem = "";
        return true;
    }

    /// <summary>Describes the WAV file at <paramref name="path"/>, or says why it is not playable.</summary>
    public static bool TryDescribe(string path, out WavFormat format, out string problem)
    {
        // The header is at the start; a 2 MB file is read whole, which a Pi Zero does in milliseconds.
        var bytes = File.ReadAllBytes(path);
        return TryDescribe(bytes, out format, out problem);
    }

    /// <summary>A 16-bit mono PCM WAV of <paramref name="samples"/> (each −1…1).</summary>
    public static byte[] Pcm16Mono(ReadOnlySpan<float> samples, int sampleRateHertz)
    {
        var dataBytes = samples.Length * 2;
        var wav = new byte[44 + dataBytes];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], PcmFormat);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)sampleRateHertz);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(sampleRateHertz * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        for (var i = 0; i < samples.Length; i++)
        {
            var sample = (short)Math.Round(Math.Clamp(samples[i], -1f, 1f) * short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], sample);
        }

        return wav;
    }
}
