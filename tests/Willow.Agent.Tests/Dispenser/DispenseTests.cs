using Willow.Agent.Capabilities.Dispenser;
using Willow.Core.Commands;

namespace Willow.Agent.Tests.Dispenser;

/// <summary>A plain dispenser's movement on the fake clock: release, dwell, return home.</summary>
public sealed class DispenseTests
{
    [Fact]
    public async Task Dispense_SwingsToRelease_DwellsItsTime_AndReturnsHome()
    {
        using var rig = new DispenserRig(new DispenserOptions
        {
            Dwell = TimeSpan.FromMilliseconds(400),
            ReturnTravel = TimeSpan.FromMilliseconds(200),
        });

        var run = rig.Capability.ExecuteAsync(DispenserRig.Dispense(), CancellationToken.None);
        Assert.Equal(90, rig.Servo.AngleDegrees);
        Assert.Equal(1500, rig.Servo.Channel.PulseWidthMicroseconds);

        rig.Time.Advance(TimeSpan.FromMilliseconds(399));
        await Task.Yield();
        Assert.Equal(90, rig.Servo.AngleDegrees);

        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        await DispenserRig.UntilAsync(() => rig.Servo.AngleDegrees == 0, "the horn to return home");
        Assert.Equal(1000, rig.Servo.Channel.PulseWidthMicroseconds);
        Assert.False(run.IsCompleted, "the command waits for the horn to travel home");

        rig.Time.Advance(TimeSpan.FromMilliseconds(200));
        var result = await run;

        Assert.Equal(CommandState.Succeeded, result.State);
        var movements = rig.Servo.Movements;
        Assert.Equal([90.0, 0.0], movements.Select(m => m.ToDegrees));
        Assert.Equal(TimeSpan.FromMilliseconds(400), movements[1].At - movements[0].At);
    }

    [Fact]
    public async Task Dispense_ThreePortions_ReleasesThreeTimes()
    {
        using var rig = new DispenserRig();

        var result = await rig.RunAsync(DispenserRig.Dispense("{\"portions\":3}"));

        Assert.Equal(CommandState.Succeeded, result.State);
        Assert.Equal("Released 3 portions.", result.Detail);
        Assert.Equal([90.0, 0.0, 90.0, 0.0, 90.0, 0.0], rig.Servo.Movements.Select(m => m.ToDegrees));
    }

    [Fact]
    public async Task Home_ReturnsToTheHomeAngle()
    {
        using var rig = new DispenserRig(new DispenserOptions { HomeAngleDegrees = 10 });

        var result = await rig.RunAsync(DispenserRig.Request(CommandKinds.Home));

        Assert.Equal(CommandState.Succeeded, result.State);
        Assert.Equal(10, rig.Servo.AngleDegrees);
    }

    [Fact]
    public void Dispense_WithASlot_OnADispenserWithoutCarousel_IsRefused()
    {
        using var rig = new DispenserRig();

        var reason = rig.Capability.Refuse(DispenserRig.Dispense("{\"slot\":2}"));

        Assert.Equal("This dispenser has no carousel slots; send the dispense without 'slot'.", reason);
    }

    [Fact]
    public async Task Restart_BetweenCommands_MovesNothing_AndTheNextCommandStartsFromTheRememberedAngle()
    {
        using var rig = new DispenserRig();
        await rig.RunAsync(DispenserRig.Dispense());

        rig.Restart();

        Assert.Empty(rig.Servo.Movements);
        Assert.All(rig.Servo.Channel.Signals, s => Assert.Equal(1000, s.PulseWidthMicroseconds));
        await rig.RunAsync(DispenserRig.Dispense());
        Assert.Equal(0, rig.Servo.Movements[0].FromDegrees);
    }
}
