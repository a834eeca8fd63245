namespace Willow.Core.Protocol;

/// <summary>Whether the gateway trusts its clock enough to give scheduled doses, and why.</summary>
public sealed record ClockReport(bool Trusted, string Reason, DateTimeOffset At);
