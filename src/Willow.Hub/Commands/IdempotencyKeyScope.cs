namespace Willow.Hub.Commands;

/// <summary>An idempotency key belongs to one caller in one household: two people may both use "feed-1".</summary>
public sealed record IdempotencyKeyScope(Guid HouseholdId, string Caller, string Key);
