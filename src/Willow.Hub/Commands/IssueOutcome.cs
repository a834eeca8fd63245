namespace Willow.Hub.Commands;

/// <summary>What became of a request to issue a command.</summary>
public sealed record IssueOutcome(IssueOutcomeKind Kind, CommandRecord? Command = null, string? Problem = null, Dictionary<string, string[]>? Errors = null)
{
    public static IssueOutcome Accepted(CommandRecord command) => new(IssueOutcomeKind.Accepted, command);

    public static IssueOutcome Replayed(CommandRecord command) => new(IssueOutcomeKind.Replayed, command);
}

public enum IssueOutcomeKind
{
    Accepted,
    Replayed,
    Invalid,
    DeviceNotFound,
    DeviceCannot,
    KeyInProgress,
    KeyMismatch,
}
