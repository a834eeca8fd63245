using Willow.Cli.Output;

namespace Willow.Cli.Tests;

/// <summary>Runs <c>willow</c> in-process and captures what a person would see.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs <c>willow</c> with <paramref name="input"/> on its standard input (a piped password).</summary>
    public static async Task<CliRun> RunWithInputAsync(string? input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = input is null ? null : new StringReader(input);
        var terminal = new Terminal(output, error, color: false, reader);
        var code = await WillowCli.RunAsync(WillowCli.CreateRoot(terminal, TimeProvider.System), args, terminal);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
