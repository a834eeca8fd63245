namespace Willow.Hub.Households;

/// <summary>A household as the API shows it, with the caller's role in it.</summary>
public sealed record HouseholdView(Guid Id, string Name, string TimeZone, HouseholdRole? Role = null, DateTimeOffset? MembershipEndsAt = null)
{
    public static HouseholdView From(Household household, Membership? membership = null) =>
        new(household.Id, household.Name, household.TimeZone, membership?.Role, membership?.EndsAt);
}
