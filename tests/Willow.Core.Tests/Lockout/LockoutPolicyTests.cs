using Willow.Core.Lockout;

namespace Willow.Core.Tests.Lockout;

public sealed class LockoutPolicyTests
{
    private static readonly DateTimeOffset Last = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan SixHours = TimeSpan.FromHours(6);

    [Fact]
    public void Check_NoEarlierDispense_Allows() => Assert.True(LockoutPolicy.Check(null, SixHours, Last).Allowed);

    [Fact]
    public void Check_InsideTheInterval_RefusesUntilItEnds()
    {
        var decision = LockoutPolicy.Check(Last, SixHours, Last.AddHours(5).AddMinutes(59));
        Assert.False(decision.Allowed);
        Assert.Equal(Last.AddHours(6), decision.LockedUntil);
    }

    [Fact]
    public void Check_ExactlyAtTheEnd_Allows() => Assert.True(LockoutPolicy.Check(Last, SixHours, Last.AddHours(6)).Allowed);

    [Fact]
    public void Check_ClockSteppedBackBeforeTheLastDispense_StillRefuses() =>
        Assert.False(LockoutPolicy.Check(Last, SixHours, Last.AddHours(-3)).Allowed);

    [Fact]
    public void Check_ZeroInterval_IsOff() => Assert.True(LockoutPolicy.Check(Last, TimeSpan.Zero, Last).Allowed);
}
