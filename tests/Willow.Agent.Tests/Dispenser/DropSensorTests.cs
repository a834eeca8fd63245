using System.Device.Gpio;
using Willow.Agent.Capabilities.Dispenser;
using Willow.Core.Commands;

namespace Willow.Agent.Tests.Dispenser;

/// <summary>
/// A break-beam in the chute on an emulated GPIO pin (active low, pull-up): a portion that falls breaks the
/// beam; one that does not ends the dispense failed, after the horn is home.
/// </summary>
public sealed class DropSensorTests
{
    private static DispenserOptions WithSensor() => new()
    {
        Dwell = TimeSpan.FromMilliseconds(400),
        ReturnTravel = TimeSpan.FromMilliseconds(200),
        DropSensor = new DropSensorOptions { Pin = DispenserRig.DropPin, Window = TimeSpan.FromSeconds(1) },
    };

    [Fact]
    public void Sensor_OpensItsPinAsAnInputWithThePullUp_OnEmulatedGpio()
    {
        using var rig = new DispenserRig(WithSensor());

        Assert.Equal(PinMode.InputPullUp, rig.Gpio!.ModeOf(DispenserRig.DropPin));
        Assert.False(rig.DropSensor!.IsBeamBroken());
    }

    [Fact]
    public async Task Dispense_DropSeen_Succeeds_OnEmulatedGpio()
    {
        using var rig = new DispenserRig(WithSensor());
        rig.Servo.Moved += m =>
        {
            if (m.ToDegrees == 90)
            {
                rig.Gpio!.BreakBeam(DispenserRig.DropPin);
            }
        };

        var result = await rig.RunAsync(DispenserRig.Dispense());

        Assert.Equal(CommandState.Succeeded, result.State);
        Assert.Contains("drop sensor saw", result.Detail, StringComparison.Ordinal);
        Assert.Equal(0, rig.Gpio!.Callbacks);
    }

    [Fact]
    public async Task Dispense_DropSeenLateButInsideTheWindow_Succeeds_OnEmulatedGpio()
    {
        using var rig = new DispenserRig(WithSensor());

        var run = rig.Capability.ExecuteAsync(DispenserRig.Dispense(), CancellationToken.None);
        rig.Time.Advance(TimeSpan.FromMilliseconds(400));
        await DispenserRig.UntilAsync(() => rig.Servo.AngleDegrees == 0, "the horn to return home");
        rig.Time.Advance(TimeSpan.FromMilliseconds(500));
        rig.Gpio!.BreakBeam(DispenserRig.DropPin); // a treat that tumbled, 0.9 s after the release

        Assert.Equal(CommandState.Succeeded, (await run).State);
    }

    [Fact]
    public async Task Dispense_NothingSeen_FailsAfterTheHornIsHome_OnEmulatedGpio()
    {
        using var rig = new DispenserRig(WithSensor());

        var run = rig.Capability.ExecuteAsync(DispenserRig.Dispense(), CancellationToken.None);
        rig.Time.Advance(TimeSpan.FromMilliseconds(400));
        await DispenserRig.UntilAsync(() => rig.Servo.AngleDegrees == 0, "the horn to return home");
        rig.Time.Advance(TimeSpan.FromMilliseconds(200));
        rig.Time.Advance(TimeSpan.FromMilliseconds(399));
        await Task.Yield();
        Assert.False(run.IsCompleted, "the sensor is watched for the whole window after the release");

        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await run;

        Assert.Equal(CommandState.Failed, result.State);
        Assert.Equal("Nothing fell: the dispenser is empty or jammed. Check it before dispensing again.", result.Detail);
        Assert.Equal([90.0, 0.0], rig.Servo.Movements.Select(m => m.ToDegrees));
        Assert.Equal(0, rig.Gpio!.Callbacks);
    }

    [Fact]
    public async Task Dispense_NothingSeen_IsNotRetried_ARepeatAnswersFromTheJournal()
    {
        using var rig = new DispenserRig(WithSensor());
        using var runner = new RunnerFixture(capability: rig.Capability);
        var request = runner.Dispense(args: "{\"portions\":2}");

        var first = runner.Runner.RunAsync(request, CancellationToken.None);
        while (!first.IsCompleted)
        {
            rig.Time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }

        var again = await runner.Runner.RunAsync(request, CancellationToken.None);

        Assert.Equal(CommandState.Failed, (await first).State);
        Assert.True(again.Replayed);
        // One release only: the second portion was not tried after the first did not fall, and nothing re-ran.
        Assert.Single(rig.Servo.Movements, m => m.ToDegrees == 90);
    }

    [Fact]
    public async Task Dispense_SecondPortionNotSeen_EndsUncertainSoAPersonChecks_OnEmulatedGpio()
    {
        using var rig = new DispenserRig(WithSensor());
        var releases = 0;
        rig.Servo.Moved += m =>
        {
            if (m.ToDegrees == 90 && ++releases == 1)
            {
                rig.Gpio!.BreakBeam(DispenserRig.DropPin);
            }
        };

        var result = await rig.RunAsync(DispenserRig.Dispense("{\"portions\":2}"));

        Assert.Equal(CommandState.Uncertain, result.State);
        Assert.StartsWith("1 of 2 portions fell, then nothing", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispense_BeamAlreadyBroken_FailsWithoutMoving_OnEmulatedGpio()
    {
        using var rig = new DispenserRig(WithSensor());
        rig.Gpio!.Drive(DispenserRig.DropPin, PinValue.Low); // a treat stuck in the beam

        var result = await rig.RunAsync(DispenserRig.Dispense());

        Assert.Equal(CommandState.Failed, result.State);
        Assert.Contains("already broken", result.Detail, StringComparison.Ordinal);
        Assert.Empty(rig.Servo.Movements);
    }

    [Fact]
    public async Task ActiveHighSensor_WithPullDown_SeesTheRisingEdge_OnEmulatedGpio()
    {
        var options = WithSensor();
        options.DropSensor.ActiveLevel = "high";
        options.DropSensor.Pull = "down";
        using var rig = new DispenserRig(options);
        rig.Servo.Moved += m =>
        {
            if (m.ToDegrees == 90)
            {
                rig.Gpio!.Drive(DispenserRig.DropPin, PinValue.High);
                rig.Gpio.Drive(DispenserRig.DropPin, PinValue.Low);
            }
        };

        var result = await rig.RunAsync(DispenserRig.Dispense());

        Assert.Equal(PinMode.InputPullDown, rig.Gpio!.ModeOf(DispenserRig.DropPin));
        Assert.Equal(CommandState.Succeeded, result.State);
    }

    [Fact]
    public void SimulatedSensor_SeesEachReleaseFall_UntilItsHopperIsEmpty()
    {
        var sensor = new SimulatedDropSensor(portions: 2);

        var seen = Enumerable.Range(0, 3).Select(_ =>
        {
            using var watch = sensor.Watch();
            return watch.Fell.IsCompleted;
        }).ToList();

        Assert.Equal([true, true, false], seen);
    }
}
