namespace Willow.Agent.Hardware;

/// <summary>A tool the agent needs is not installed on this board; the message says which package has it.</summary>
public sealed class ExternalProgramMissingException : Exception
{
    public ExternalProgramMissingException(string program, string? package, Exception? inner = null)
        : base(package is null
            ? $"'{program}' is not installed on this board."
            : $"'{program}' is not installed on this board; install it with: sudo apt install {package}", inner)
    {
        Program = program;
    }

    public ExternalProgramMissingException()
        : base("A program the agent needs is not installed.")
    {
        Program = "";
    }

    public ExternalProgramMissingException(string message)
        : base(message)
    {
        Program = "";
    }

    public ExternalProgramMissingException(string message, Exception inner)
        : base(message, inner)
    {
        Program = "";
    }

    public string Program { get; }
}
