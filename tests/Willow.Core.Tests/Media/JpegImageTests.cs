using Willow.Core.Media;

namespace Willow.Core.Tests.Media;

public sealed class JpegImageTests
{
    [Theory]
    [InlineData(640, 480)]
    [InlineData(1920, 1080)]
    [InlineData(160, 120)]
    public void TryReadSize_FrameHeaderAfterOtherSegments_GivesWidthAndHeight(int width, int height)
    {
        Assert.True(JpegImage.TryReadSize(JpegFiles.Tricky(width, height, 0x44), out var w, out var h));
        Assert.Equal((width, height), (w, h));
    }

    [Fact]
    public void TryReadSize_NotAJpeg_IsFalse()
    {
        Assert.False(JpegImage.TryReadSize("<html>camera busy</html>"u8, out _, out _));
    }

    [Fact]
    public void TryReadSize_CutBeforeTheFrameHeader_IsFalse()
    {
        var jpeg = JpegFiles.Tricky(640, 480, 0x44);

        Assert.False(JpegImage.TryReadSize(jpeg.AsSpan(0, 30), out _, out _));
    }
}
