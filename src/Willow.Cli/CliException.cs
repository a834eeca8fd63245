namespace Willow.Cli;

/// <summary>A failure the CLI reports as one line and an exit code, without a stack trace.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
