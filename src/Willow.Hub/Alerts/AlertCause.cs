namespace Willow.Hub.Alerts;

/// <summary>What a rule found: a cause for an alert, with what to tell the people.</summary>
public sealed record AlertCause(string Kind, string Key, AlertSeverity Severity, string Title, string NextStep, string Path)
{
    public Alert ToAlert(Guid householdId, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), householdId, Kind, Key, Severity, AlertState.Open, Title, NextStep, Path, now);
}
