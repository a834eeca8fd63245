namespace Willow.Hub.Pets;

/// <summary>A pet of a household: the one the medication is for.</summary>
public sealed record Pet(Guid Id, Guid HouseholdId, string Name, string? Species, DateTimeOffset CreatedAt);
