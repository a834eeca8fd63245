using Willow.Cli.Client;

namespace Willow.Cli.Tests;

public sealed class HouseholdClockTests
{
    private static readonly HouseholdClock Berlin = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

    [Fact]
    public void InSentence_ShowsTheGatewaysUtcInstants_OnTheHouseholdsClock()
    {
        Assert.Equal(
            "Missed: its window closed at Wed 02 Dec 22:23. Locked out until Thu 03 Dec 00:24.",
            Berlin.InSentence("Missed: its window closed at 2026-12-02 21:23:16Z. Locked out until 2026-12-02T23:24:28.5Z."));
    }

    [Fact]
    public void InSentence_LeavesOtherNumbersAndLocalTimesAlone()
    {
        Assert.Equal("Released 2 portions; 12 left.", Berlin.InSentence("Released 2 portions; 12 left."));
        Assert.Equal("due 2026-12-02 07:00 (local)", Berlin.InSentence("due 2026-12-02 07:00 (local)"));
        Assert.Equal("", Berlin.InSentence(null));
    }
}
