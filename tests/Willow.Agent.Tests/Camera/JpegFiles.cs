using Willow.Agent.Hardware;

namespace Willow.Agent.Tests.Camera;

/// <summary>Real decoding of the camera's JPEGs through ffmpeg.</summary>
internal static class JpegFiles
{
    /// <summary>Decodes with ffmpeg into raw RGB: the number of bytes is width × height × 3 only for a whole, valid picture.</summary>
    public static async Task<(int Bytes, string Errors)> DecodeToRgbAsync(byte[] jpeg)
    {
        var result = await ExternalProgram.RunAsync(
            "ffmpeg",
            ["-v", "error", "-f", "jpeg_pipe", "-i", "pipe:0", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"],
            TimeSpan.FromSeconds(20),
            TimeProvider.System,
            default,
            jpeg);
        Assert.True(result.Succeeded, result.Describe("ffmpeg"));
        return (result.Output.Length, result.Errors);
    }
}
