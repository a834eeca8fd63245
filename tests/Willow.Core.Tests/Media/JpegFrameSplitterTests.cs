using Willow.Core.Media;

namespace Willow.Core.Tests.Media;

public sealed class JpegFrameSplitterTests
{
    private static readonly byte[] First = JpegFiles.Tricky(640, 480, 0x11);
    private static readonly byte[] Second = JpegFiles.Tricky(320, 240, 0x22);

    [Fact]
    public void Push_TwoImagesInOneBuffer_GivesBothWhole()
    {
        var frames = new JpegFrameSplitter().Push([.. First, .. Second]);

        Assert.Equal([First, Second], frames);
    }

    [Fact]
    public void Push_OneByteAtATime_GivesTheSameImages()
    {
        var splitter = new JpegFrameSplitter();
        var frames = new List<byte[]>();
        foreach (var b in (byte[])[.. First, .. Second])
        {
            frames.AddRange(splitter.Push([b]));
        }

        Assert.Equal([First, Second], frames);
    }

    [Fact]
    public void Push_SplitAtEveryPossiblePoint_GivesTheSameImages()
    {
        byte[] stream = [.. First, .. Second];
        for (var cut = 1; cut < stream.Length; cut++)
        {
            var splitter = new JpegFrameSplitter();
            var frames = splitter.Push(stream.AsSpan(0, cut)).Concat(splitter.Push(stream.AsSpan(cut))).ToList();

            Assert.Equal([First, Second], frames);
        }
    }

    [Fact]
    public void Push_EndMarkerInsideAThumbnail_DoesNotCutTheImageShort()
    {
        var frame = Assert.Single(new JpegFrameSplitter().Push(First));

        Assert.Equal(First.Length, frame.Length);
        Assert.True(JpegImage.TryReadSize(frame, out var width, out var height));
        Assert.Equal((640, 480), (width, height));
    }

    [Fact]
    public void Push_BytesBeforeAndBetweenImages_AreSkipped()
    {
        var frames = new JpegFrameSplitter().Push([0x00, 0xFF, 0x12, .. First, 0xFF, 0xFF, 0x0A, .. Second]);

        Assert.Equal([First, Second], frames);
    }

    [Fact]
    public void Push_PartialImage_IsHeldUntilTheRestArrives()
    {
        var splitter = new JpegFrameSplitter();

        Assert.Empty(splitter.Push(First.AsSpan(0, First.Length - 1)));
        Assert.Equal([First], splitter.Push(First.AsSpan(First.Length - 1)));
    }

    [Fact]
    public void Push_ImageLargerThanTheLimit_IsDroppedAndTheNextOneKept()
    {
        var huge = JpegFiles.Tricky(640, 480, 0x11, scanBytes: 5000);
        var splitter = new JpegFrameSplitter(maxFrameBytes: 1000);

        Assert.Equal([Second], splitter.Push([.. huge, .. Second]));
        Assert.Equal(1, splitter.Dropped);
    }

    [Fact]
    public void Push_ImageThatNeverEnds_IsDroppedWhenTheNextBegins()
    {
        // ffmpeg killed mid-frame and started again: the scan breaks off without its end marker.
        var splitter = new JpegFrameSplitter();

        var frames = splitter.Push([.. First[..^2], .. Second]);

        Assert.Equal([Second], frames);
        Assert.Equal(1, splitter.Dropped);
    }
}
