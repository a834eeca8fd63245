namespace Willow.Hub.Households;

/// <summary>A household as the API shows it.</summary>
public sealed record HouseholdView(Guid Id, string Name, string TimeZone)
{
    public static HouseholdView From(Household household) => new(household.Id, household.Name, household.TimeZone);
}
