using System.Buffers;

namespace Willow.Core.Media;

/// <summary>
/// Splits ffmpeg's <c>image2pipe</c> output, JPEG images one after another, into whole images, whatever the
/// chunks it arrives in. It walks the JPEG marker structure (ITU-T T.81, Annex B) instead of searching for
/// the end marker: segment lengths up to the start of scan, then the entropy-coded data, in which a 0xFF byte
/// is followed by 0x00 (a stuffed byte) or RST0–7, until EOI. So an end marker inside an embedded thumbnail,
/// or a stuffed 0xFF, cannot cut an image short. Bytes outside an image are skipped; an image larger than
/// the limit or with a broken structure is dropped, and splitting resumes at the next start marker.
/// </summary>
public sealed class JpegFrameSplitter(int maxFrameBytes = JpegFrameSplitter.DefaultMaxFrameBytes)
{
    /// <summary>Far above a 4K MJPEG frame (1–2 MB), small enough that garbage cannot eat a Pi Zero's memory.</summary>
    public const int DefaultMaxFrameBytes = 8 * 1024 * 1024;

    private const byte Prefix = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;
    private const byte Stuffed = 0x00;
    private const byte Temporary = 0x01;

    private ArrayBufferWriter<byte> _frame = new();
    private State _state = State.SeekStart;
    private bool _sawPrefix;
    private byte _marker;
    private int _lengthHigh;
    private int _remaining;

    private enum State
    {
        SeekStart,
        MarkerPrefix,
        MarkerCode,
        LengthHigh,
        LengthLow,
        SegmentBody,
        Entropy,
        EntropyPrefix,
    }

    /// <summary>Images abandoned because they were too large or malformed.</summary>
    public int Dropped { get; private set; }

    /// <summary>Feeds the next bytes of the stream; returns the images they completed, oldest first.</summary>
    public IReadOnlyList<byte[]> Push(ReadOnlySpan<byte> data)
    {
        List<byte[]>? frames = null;
        var i = 0;
        while (i < data.Length)
        {
            switch (_state)
            {
                case State.SeekStart:
                    var b = data[i++];
                    if (_sawPrefix && b == StartOfImage)
                    {
                        Begin();
                    }

                    _sawPrefix = b == Prefix;
                    break;

                case State.MarkerPrefix:
                    if (data[i] != Prefix)
                    {
                        // A segment must follow a segment; this is not a JPEG we can follow.
                        Abandon();
                        break;
                    }

                    Append(data[i++]);
                    _state = State.MarkerCode;
                    break;

                case State.MarkerCode:
                    var code = data[i++];
                    Append(code);
                    if (code != Prefix)
                    {
                        // Any number of 0xFF fill bytes may precede a marker code.
                        OnMarker(code, ref frames);
                    }

                    break;

                case State.LengthHigh:
                    _lengthHigh = data[i];
                    Append(data[i++]);
                    _state = State.LengthLow;
                    break;

                case State.LengthLow:
                    var length = (_lengthHigh << 8) | data[i];
                    Append(data[i++]);
                    if (length < 2)
                    {
                        Abandon();
                        break;
                    }

                    _remaining = length - 2;
                    _state = _remaining > 0 ? State.SegmentBody : AfterSegment();
                    break;

                case State.SegmentBody:
                    var take = Math.Min(_remaining, data.Length - i);
                    Append(data.Slice(i, take));
                    i += take;
                    _remaining -= take;
                    if (_remaining == 0)
                    {
                        _state = AfterSegment();
                    }

                    break;

                case State.Entropy:
                    var rest = data[i..];
                    var prefixAt = rest.IndexOf(Prefix);
                    var run = prefixAt < 0 ? rest.Length : prefixAt + 1;
                    Append(rest[..run]);
                    i += run;
                    if (prefixAt >= 0)
                    {
                        _state = State.EntropyPrefix;
                    }

                    break;

                case State.EntropyPrefix:
                    var next = data[i++];
                    Append(next);
                    if (next == Stuffed || next is >= 0xD0 and <= 0xD7)
                    {
                        _state = State.Entropy;
                    }
                    else if (next != Prefix)
                    {
                        OnMarker(next, ref frames);
                    }

                    break;
            }

            if (_state != State.SeekStart && _frame.WrittenCount > maxFrameBytes)
            {
                Abandon();
            }
        }

        return frames ?? [];
    }

    private void OnMarker(byte code, ref List<byte[]>? frames)
    {
        _marker = code;
        switch (code)
        {
            case EndOfImage:
                (frames ??= []).Add(_frame.WrittenSpan.ToArray());
                Reset();
                break;
            case StartOfImage:
                // An image that never ended; the new one starts here.
                Dropped++;
                Begin();
                break;
            case Temporary or (>= 0xD0 and <= 0xD7):
                // Markers without a length.
                _state = State.MarkerPrefix;
                break;
            default:
                _state = State.LengthHigh;
                break;
        }
    }

    private State AfterSegment() => _marker == StartOfScan ? State.Entropy : State.MarkerPrefix;

    private void Begin()
    {
        _frame.ResetWrittenCount();
        Append(Prefix);
        Append(StartOfImage);
        _state = State.MarkerPrefix;
    }

    private void Abandon()
    {
        Dropped++;
        Reset();
    }

    private void Reset()
    {
        // The buffer is reused from image to image, unless a runaway image made it huge.
        if (_frame.Capacity > maxFrameBytes)
        {
            _frame = new ArrayBufferWriter<byte>();
        }
        else
        {
            _frame.ResetWrittenCount();
        }

        _state = State.SeekStart;
        _sawPrefix = false;
    }

    private void Append(byte value)
    {
        _frame.GetSpan(1)[0] = value;
        _frame.Advance(1);
    }

    private void Append(ReadOnlySpan<byte> values) => _frame.Write(values);
}
