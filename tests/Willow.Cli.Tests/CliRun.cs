using Willow.Cli.Output;

namespace Willow.Cli.Tests;

/// <summary>Runs <c>willow</c> in-process and captures what a person would see.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var terminal = new Terminal(output, error, color: false);
        var code = await WillowCli.RunAsync(WillowCli.CreateRoot(terminal, TimeProvider.System), args, terminal);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
