namespace Willow.Agent.Hardware;

/// <summary>How a run of an external program ended: its exit code, its standard output, and the end of its errors.</summary>
public sealed record ProgramResult(int ExitCode, byte[] Output, string Errors)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>A one-line reason for a failed run, for a command's detail or a log.</summary>
    public string Describe(string program)
    {
        var lastLine = Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return lastLine is null ? $"{program} exited with code {ExitCode}." : $"{program} exited with code {ExitCode}: {lastLine}";
    }
}
