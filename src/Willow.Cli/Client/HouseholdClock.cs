using System.Globalization;

namespace Willow.Cli.Client;

/// <summary>Shows instants in the household's zone, the way the people of the home read their clocks.</summary>
public sealed class HouseholdClock(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public static async Task<HouseholdClock> ForAsync(HubClient client, Guid householdId, CancellationToken cancellationToken)
    {
        var household = (await client.HouseholdsAsync(cancellationToken)).FirstOrDefault(h => h.Id == householdId)
            ?? throw new CliException($"Household {householdId} is not visible to this token.");
        return new HouseholdClock(TimeZoneInfo.FindSystemTimeZoneById(household.TimeZone));
    }

    public DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    public string Format(DateTimeOffset? instant, string format = "ddd dd MMM HH:mm") =>
        instant is { } at ? Local(at).ToString(format, CultureInfo.InvariantCulture) : "—";
}
