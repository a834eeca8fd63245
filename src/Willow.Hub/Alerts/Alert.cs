namespace Willow.Hub.Alerts;

/// <summary>
/// Something a person of the household should know or do: a missed dose, a dispenser that will run empty, a
/// device gone quiet. One alert per <see cref="CauseKey"/> while it is unresolved (the rules run every few
/// seconds; the people hear once). <see cref="EscalationStep"/> counts the people an urgent alert has been sent to
/// one after the other.
/// </summary>
public sealed record Alert(
    Guid Id,
    Guid HouseholdId,
    string Kind,
    string CauseKey,
    AlertSeverity Severity,
    AlertState State,
    string Title,
    string NextStep,
    string Path,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    DateTimeOffset? ResolvedAt = null,
    string? Resolution = null,
    int EscalationStep = 0);

public enum AlertSeverity
{
    Info,
    Warning,
    Urgent,
}

public enum AlertState
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>How severities and states are written on the wire and in the stores.</summary>
public static class AlertWire
{
    public static string ToWire(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Urgent => "urgent",
        AlertSeverity.Warning => "warning",
        _ => "info",
    };

    public static string ToWire(this AlertState state) => state switch
    {
        AlertState.Open => "open",
        AlertState.Acknowledged => "acknowledged",
        _ => "resolved",
    };

    public static AlertSeverity ParseSeverity(string text) => text switch
    {
        "urgent" => AlertSeverity.Urgent,
        "warning" => AlertSeverity.Warning,
        "info" => AlertSeverity.Info,
        _ => throw new InvalidDataException($"Unknown alert severity '{text}'."),
    };

    public static bool TryParseState(string? text, out AlertState state)
    {
        state = text switch
        {
            "open" => AlertState.Open,
            "acknowledged" => AlertState.Acknowledged,
            "resolved" => AlertState.Resolved,
            _ => (AlertState)(-1),
        };
        return (int)state >= 0;
    }

    public static AlertState ParseState(string text) =>
        TryParseState(text, out var state) ? state : throw new InvalidDataException($"Unknown alert state '{text}'.");
}
