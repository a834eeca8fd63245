using Willow.Cli.Output;

namespace Willow.Cli.Tests;

public sealed class TableTests
{
    [Fact]
    public void WriteTo_AlignsColumnsUnderUpperCaseHeaders()
    {
        using var output = new StringWriter();
        new Table("Device", "Online").Add("treat-dispenser", "online").Add("speaker", "offline")
            .WriteTo(new Terminal(output, TextWriter.Null, color: false));

        Assert.Equal(
            ["DEVICE           ONLINE", "treat-dispenser  online", "speaker          offline"],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Paint_WithoutColour_LeavesTextAlone()
    {
        var terminal = new Terminal(TextWriter.Null, TextWriter.Null, color: false);
        Assert.Equal("ok", terminal.Paint("ok", TerminalColor.Green));
    }
}
