namespace Willow.Hub.Households;

/// <summary>A home: its pets, people and devices live under it. Schedules run in its time zone.</summary>
public sealed record Household(Guid Id, string Name, string TimeZone, DateTimeOffset CreatedAt);
