using System.Globalization;
using System.Text;

namespace Willow.Agent.Tests.Camera;

/// <summary>Reads the parts of a <c>multipart/x-mixed-replace</c> response as a browser does: boundary, headers, Content-Length bytes.</summary>
internal sealed class MjpegPartReader(Stream body, string boundary)
{
    public async Task<byte[]> NextAsync()
    {
        var headers = await ReadHeadersAsync();
        Assert.StartsWith($"--{boundary}\r\n", headers, StringComparison.Ordinal);
        Assert.Contains("Content-Type: image/jpeg\r\n", headers, StringComparison.Ordinal);
        var lengthLine = headers.Split("\r\n").Single(l => l.StartsWith("Content-Length: ", StringComparison.Ordinal));
        var length = int.Parse(lengthLine["Content-Length: ".Length..], CultureInfo.InvariantCulture);

        var jpeg = new byte[length];
        await body.ReadExactlyAsync(jpeg);
        var end = new byte[2];
        await body.ReadExactlyAsync(end);
        Assert.Equal("\r\n"u8.ToArray(), end);
        return jpeg;
    }

    private async Task<string> ReadHeadersAsync()
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            await body.ReadExactlyAsync(one);
            bytes.Add(one[0]);
            Assert.True(bytes.Count < 1024, "A part's headers ran past 1 KB.");
        }

        return Encoding.ASCII.GetString([.. bytes]);
    }
}
