using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Willow.Agent.Capabilities.Dispenser;
using Willow.Testing;

namespace Willow.Agent.Tests.Dispenser;

/// <summary>
/// The servo logic over an emulated sysfs PWM channel (a duty cycle and an enable flag, as Linux keeps them):
/// the pulse width for each angle, and the rule that nothing moves at start-up.
/// </summary>
public sealed class ServoPulseTests : IDisposable
{
    private readonly TempDirectory _directory = new("servo");
    private readonly FakeTimeProvider _time = new(RunnerFixture.Start);

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(1000, 2000, 180, 0, 1000)]
    [InlineData(1000, 2000, 180, 90, 1500)]
    [InlineData(1000, 2000, 180, 180, 2000)]
    [InlineData(500, 2400, 180, 90, 1450)]
    [InlineData(500, 2400, 180, 45, 975)]
    [InlineData(500, 2500, 270, 135, 1500)]
    public void MoveTo_Angle_SendsTheCalibratedPulseWidth_OnEmulatedPwm(int atZero, int atMaximum, double maximumAngle, double angle, int expectedMicroseconds)
    {
        var calibration = new ServoOptions { PulseAtZeroMicroseconds = atZero, PulseAtMaximumMicroseconds = atMaximum, MaximumAngleDegrees = maximumAngle };
        using var memory = Memory();
        using var servo = new SimulatedServo(_time, memory, calibration);

        servo.MoveTo(angle);

        Assert.True(servo.Channel.Enabled);
        Assert.Equal(expectedMicroseconds, servo.Channel.PulseWidthMicroseconds);
        Assert.Equal(50, servo.Channel.Frequency);
    }

    [Fact]
    public void NewBoard_PwmStaysOffUntilTheFirstCommand_OnEmulatedPwm()
    {
        using var memory = Memory();
        using var servo = new SimulatedServo(_time, memory);

        Assert.Null(servo.AngleDegrees);
        Assert.DoesNotContain(servo.Channel.Signals, s => s.Enabled);
        Assert.All(servo.Channel.Signals, s => Assert.Equal(0, s.PulseWidthMicroseconds));
    }

    [Fact]
    public void FirstMove_SetsThePulseWidthBeforeEnabling_OnEmulatedPwm()
    {
        using var memory = Memory();
        using var servo = new SimulatedServo(_time, memory);

        servo.MoveTo(90);

        // Every pulse the servo ever received said 90°: no stray first pulse at 0 µs or a default 50 % duty.
        Assert.All(servo.Channel.Signals.Where(s => s.Enabled), s => Assert.Equal(1500, s.PulseWidthMicroseconds));
        Assert.Single(servo.Channel.Signals, s => s.Enabled);
    }

    [Fact]
    public void Restart_HoldsAtTheLastAngleWithoutAnyPulseChange_OnEmulatedPwm()
    {
        using (var memory = Memory())
        using (var before = new SimulatedServo(_time, memory))
        {
            before.MoveTo(90);
            before.MoveTo(0);
        }

        using var again = Memory();
        using var after = new SimulatedServo(_time, again);

        Assert.Equal(0, after.AngleDegrees);
        Assert.Empty(after.Movements);
        // Opened at 0°'s pulse, then enabled at it: the horn is already there and holds.
        Assert.Equal([(false, 1000), (true, 1000)], after.Channel.Signals.Select(s => (s.Enabled, s.PulseWidthMicroseconds)));
    }

    [Fact]
    public void Restart_AfterAMoveWasCutShort_LeavesPwmOffAndTheAngleUnknown_OnEmulatedPwm()
    {
        using (var memory = Memory())
        {
            memory.EndMove(0);
            memory.BeginMove(90); // the agent died here, before it could confirm the pulse
        }

        using var again = Memory();
        using var servo = new SimulatedServo(_time, again);

        Assert.Null(servo.AngleDegrees);
        Assert.DoesNotContain(servo.Channel.Signals, s => s.Enabled);
    }

    [Fact]
    public void MoveTo_RemembersTheTargetBeforeThePulseChanges()
    {
        using var memory = Memory();
        var seen = new List<ServoPosition>();
        using var servo = new HobbyServo(
            duty => new SimulatedPwmChannel(_time, 50, duty, _ => seen.Add(memory.ReadServo())),
            new ServoOptions(),
            memory,
            NullLogger.Instance);
        seen.Clear();

        servo.MoveTo(90);

        // When the duty cycle was written, the memory already said "on the way to 90°".
        Assert.Equal(90, seen[0].TargetDegrees);
        Assert.Equal(new ServoPosition(90, null), memory.ReadServo());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(181)]
    public void MoveTo_OutsideTheCalibratedRange_ThrowsAndNothingMoves(double angle)
    {
        using var memory = Memory();
        using var servo = new SimulatedServo(_time, memory);

        Assert.Throws<ArgumentOutOfRangeException>(() => servo.MoveTo(angle));

        Assert.Empty(servo.Movements);
        Assert.DoesNotContain(servo.Channel.Signals, s => s.Enabled);
        Assert.Equal(new ServoPosition(null, null), memory.ReadServo());
    }

    private DispenserMemory Memory() => new(_directory.File("dispenser.db"), _time);
}
