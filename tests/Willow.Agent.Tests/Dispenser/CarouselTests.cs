using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Willow.Agent.Capabilities.Dispenser;
using Willow.Core.Commands;
using Willow.Testing;

namespace Willow.Agent.Tests.Dispenser;

/// <summary>A four-slot carousel (slot 0 at 30°, 30° a slot, home at 0°) over the emulated PWM channel.</summary>
public sealed class CarouselTests
{
    private static DispenserOptions FourSlots() => new()
    {
        Carousel = new CarouselOptions { Slots = 4, FirstSlotAngleDegrees = 30, StepDegrees = 30 },
    };

    [Fact]
    public async Task Dispense_EachOneTurnsTheNextSlotOverTheChute_AndStaysThere()
    {
        using var rig = new DispenserRig(FourSlots());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(CommandState.Succeeded, (await rig.RunAsync(DispenserRig.Dispense())).State);
        }

        Assert.Equal([30.0, 60.0, 90.0], rig.Servo.Movements.Select(m => m.ToDegrees));
        Assert.Equal(1, rig.Carousel!.SlotsLeft);
    }

    [Fact]
    public async Task Dispense_TwoPortions_EmptiesTwoSlots()
    {
        using var rig = new DispenserRig(FourSlots());

        var result = await rig.RunAsync(DispenserRig.Dispense("{\"portions\":2}"));

        Assert.Equal("Released 2 portions. 2 carousel slots left.", result.Detail);
        Assert.Equal([30.0, 60.0], rig.Servo.Movements.Select(m => m.ToDegrees));
    }

    [Fact]
    public async Task Dispense_EverySlotEmptied_IsRefusedBeforeAnythingIsWritten()
    {
        using var rig = new DispenserRig(FourSlots());
        using var runner = new RunnerFixture(capability: rig.Capability);
        for (var i = 0; i < 4; i++)
        {
            await rig.RunAsync(DispenserRig.Dispense());
        }

        var outcome = await runner.Runner.RunAsync(runner.Dispense(), CancellationToken.None);

        Assert.Equal(CommandState.Refused, outcome.State);
        Assert.Equal("The carousel is empty: refill it and send 'home'.", outcome.Detail);
        Assert.Null(outcome.StartedAt);
        Assert.Equal(4, rig.Servo.Movements.Count);
    }

    [Fact]
    public async Task Position_SurvivesARestart_TheNextDispenseEmptiesTheNextSlot()
    {
        using var rig = new DispenserRig(FourSlots());
        await rig.RunAsync(DispenserRig.Dispense());
        await rig.RunAsync(DispenserRig.Dispense());

        rig.Restart();

        Assert.Equal(60, rig.Servo.AngleDegrees);
        Assert.Empty(rig.Servo.Movements);
        Assert.All(rig.Servo.Channel.Signals, s => Assert.Equal(1333, s.PulseWidthMicroseconds));
        Assert.Equal(2, rig.Carousel!.SlotsLeft);

        await rig.RunAsync(DispenserRig.Dispense());
        Assert.Equal(new ServoMovement(rig.Servo.Movements[0].At, 60, 90), rig.Servo.Movements[0]);
    }

    [Fact]
    public async Task Dispense_TheSlotIsCountedEmptiedBeforeTheDiscTurns()
    {
        using var directory = new TempDirectory("carousel");
        var time = new FakeTimeProvider(RunnerFixture.Start);
        using var memory = new DispenserMemory(directory.File("dispenser.db"), time);
        var nextSlotAtEachPulse = new List<int>();
        using var servo = new HobbyServo(
            duty => new SimulatedPwmChannel(time, 50, duty, _ => nextSlotAtEachPulse.Add(memory.ReadNextSlot())),
            new ServoOptions(),
            memory,
            NullLogger.Instance);
        var options = FourSlots();
        options.Dwell = TimeSpan.Zero;
        var dispenser = new DispenserCapability(
            servo, Options.Create(options), time, NullLogger<DispenserCapability>.Instance, new Carousel(options.Carousel, memory));
        nextSlotAtEachPulse.Clear();

        await dispenser.ExecuteAsync(DispenserRig.Dispense(), CancellationToken.None);

        // When the pulse width changed, slot 0 was already counted emptied: had the agent died as the disc
        // turned, slot 0 would not be offered again.
        Assert.All(nextSlotAtEachPulse, next => Assert.Equal(1, next));
        Assert.NotEmpty(nextSlotAtEachPulse);
    }

    [Fact]
    public async Task Home_AfterARefill_ReturnsToTheHomeAngleAndCountsEverySlotFull()
    {
        using var rig = new DispenserRig(FourSlots());
        for (var i = 0; i < 4; i++)
        {
            await rig.RunAsync(DispenserRig.Dispense());
        }

        var result = await rig.RunAsync(DispenserRig.Request(CommandKinds.Home));
        rig.Restart();

        Assert.Equal("Returned to the home position; all 4 carousel slots are counted full.", result.Detail);
        Assert.Equal(0, rig.Servo.AngleDegrees);
        Assert.Equal(4, rig.Carousel!.SlotsLeft);
        Assert.Null(rig.Capability.Refuse(DispenserRig.Dispense("{\"slot\":0}")));
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(0, "Slot 0 was already emptied since the last 'home' (refill). The next full slot is 1.")]
    [InlineData(2, "Slot 2 is not next: the carousel turns one way, and on its way it would carry slot 1 over the chute and drop them. The next full slot is 1.")]
    [InlineData(3, "Slot 3 is not next: the carousel turns one way, and on its way it would carry slots 1 to 2 over the chute and drop them. The next full slot is 1.")]
    [InlineData(4, "This carousel has slots 0 to 3; there is no slot 4.")]
    public async Task Dispense_NamedSlot_OnlyTheNextFullSlotIsTaken(int slot, string? refusal)
    {
        using var rig = new DispenserRig(FourSlots());
        await rig.RunAsync(DispenserRig.Dispense());

        Assert.Equal(refusal, rig.Capability.Refuse(DispenserRig.Dispense($"{{\"slot\":{slot}}}")));
    }

    [Fact]
    public async Task Dispense_MorePortionsThanFullSlots_IsRefused()
    {
        using var rig = new DispenserRig(FourSlots());
        await rig.RunAsync(DispenserRig.Dispense("{\"portions\":3}"));

        Assert.Equal(
            "The carousel has 1 full slot left; it cannot release 2 portions. Refill it and send 'home'.",
            rig.Capability.Refuse(DispenserRig.Dispense("{\"portions\":2}")));
    }

    [Fact]
    public void ListedAngles_AreUsedInOrder()
    {
        var options = new CarouselOptions { Slots = 3, SlotAnglesDegrees = [20, 75, 140] };

        Assert.Equal([20.0, 75.0, 140.0], options.Angles());
    }
}
