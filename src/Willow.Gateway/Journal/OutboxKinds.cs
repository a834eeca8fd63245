namespace Willow.Gateway.Journal;

/// <summary>The kinds of report in the outbox; each goes to its own hub method, in outbox order.</summary>
public static class OutboxKinds
{
    public const string CommandState = "command-state";
    public const string CommandIssued = "command-issued";
    public const string Dose = "dose";
    public const string Clock = "clock";
    public const string Readings = "readings";
}
