using System.CommandLine;
using Willow.Cli.Output;

namespace Willow.Cli;

/// <summary>Parses, runs, and turns every failure into one line on stderr and an exit code.</summary>
public static class WillowCli
{
    public static async Task<int> RunAsync(RootCommand root, string[] args, Terminal terminal)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            var path = command == root ? "willow" : $"willow {command.Name}";
            terminal.Fail($"{path}: {parse.Errors[0].Message} (see '{path} --help')");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30), EnableDefaultExceptionHandler = false });
        }
        catch (CliException ex)
        {
            terminal.Fail(ex.Message);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Failure;
        }
    }
}
