namespace Willow.Cli.Output;

/// <summary>Writes to the console, with colour only where a person is looking (a TTY, and NO_COLOR unset).</summary>
public sealed class Terminal(TextWriter output, TextWriter error, bool color)
{
    public static Terminal Console { get; } = new(
        System.Console.Out,
        System.Console.Error,
        !System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);

    public TextWriter Out => output;

    public TextWriter Error => error;

    public void Line(string text = "") => output.WriteLine(text);

    public void Fail(string text) => error.WriteLine(text);

    public string Paint(string text, TerminalColor tone) => !color || tone == TerminalColor.None
        ? text
        : $"\u001b[{(int)tone}m{text}\u001b[0m";
}

public enum TerminalColor
{
    None = 0,
    Bold = 1,
    Dim = 2,
    Red = 31,
    Green = 32,
    Yellow = 33,
    Blue = 34,
    Cyan = 36,
}
