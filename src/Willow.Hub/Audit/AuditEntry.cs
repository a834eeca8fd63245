namespace Willow.Hub.Audit;

/// <summary>One thing someone did in a household: who, through which credential, what, to what.</summary>
public sealed record AuditEntry(long Sequence, Guid HouseholdId, DateTimeOffset At, string Actor, string Via, string Action, string? Target, string? Detail);
