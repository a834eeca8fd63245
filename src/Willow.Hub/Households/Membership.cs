namespace Willow.Hub.Households;

/// <summary>A person's place in a household, until <see cref="EndsAt"/> if it is limited (a pet sitter's week).</summary>
public sealed record Membership(Guid HouseholdId, Guid UserId, HouseholdRole Role, DateTimeOffset? EndsAt, string AddedBy, DateTimeOffset CreatedAt)
{
    public bool IsActiveAt(DateTimeOffset now) => EndsAt is null || EndsAt > now;
}

/// <summary>A membership with the member's name, for listing.</summary>
public sealed record Member(Membership Membership, string Email, string DisplayName);
