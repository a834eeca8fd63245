namespace Willow.Cli.Output;

/// <summary>
/// Writes to the console, with colour only where a person is looking (a TTY, and NO_COLOR unset); reads
/// secrets from standard input (<c>--password-stdin</c>) or, at a TTY, without echoing them.
/// </summary>
public sealed class Terminal(TextWriter output, TextWriter error, bool color, TextReader? input = null)
{
    public static Terminal Console { get; } = new(
        System.Console.Out,
        System.Console.Error,
        !System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null,
        System.Console.In);

    public TextWriter Out => output;

    /// <summary>One line of standard input (a password piped in with <c>--password-stdin</c>).</summary>
    public string ReadLine(string what) =>
        (input ?? TextReader.Null).ReadLine()?.TrimEnd('\r') is { Length: > 0 } line
            ? line
            : throw new CliException($"Expected {what} on standard input, and got nothing.", ExitCodes.Usage);

    /// <summary>Asks for a secret at a TTY without echoing it; elsewhere says how to pass it instead.</summary>
    public string Prompt(string prompt, string flag)
    {
        if (input != System.Console.In || System.Console.IsInputRedirected)
        {
            throw new CliException($"No terminal to ask for the password: pass it on standard input with {flag}.", ExitCodes.Usage);
        }

        output.Write(prompt);
        var secret = new System.Text.StringBuilder();
        while (true)
        {
            var key = System.Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        output.WriteLine();
        return secret.ToString();
    }

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
