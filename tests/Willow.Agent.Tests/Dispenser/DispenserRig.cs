using System.Device.Gpio;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Willow.Agent.Capabilities;
using Willow.Agent.Capabilities.Dispenser;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Testing;

namespace Willow.Agent.Tests.Dispenser;

/// <summary>
/// A dispenser as the agent builds it — remembered position in a real <c>dispenser.db</c>, the servo logic over
/// an emulated PWM channel, a carousel and a drop sensor on emulated GPIO when asked for — on a fake clock.
/// <see cref="Restart"/> closes it all and opens it again on the same files, as a restarted agent does.
/// </summary>
internal sealed class DispenserRig : IDisposable
{
    public const int DropPin = 17;

    private readonly TempDirectory _directory = new("dispenser");

    public DispenserRig(DispenserOptions? options = null)
    {
        Options = options ?? new DispenserOptions();
        Open();
    }

    public FakeTimeProvider Time { get; } = new(RunnerFixture.Start);

    public DispenserOptions Options { get; }

    public DispenserMemory Memory { get; private set; } = null!;

    public SimulatedServo Servo { get; private set; } = null!;

    public Carousel? Carousel { get; private set; }

    public EmulatedGpioDriver? Gpio { get; private set; }

    public GpioDropSensor? DropSensor { get; private set; }

    public DispenserCapability Capability { get; private set; } = null!;

    public string MemoryPath => _directory.File("dispenser.db");

    /// <summary>The agent stops (the servo's channel is released) and starts again on the same files.</summary>
    public void Restart()
    {
        Close();
        Open();
    }

    public static ActuationRequest Request(string kind, string args = "{}") => new(
        Guid.NewGuid(), kind, JsonElement.Parse(args), RunnerFixture.Start, RunnerFixture.Start.AddMinutes(1));

    public static ActuationRequest Dispense(string args = "{}") => Request(CommandKinds.Dispense, args);

    /// <summary>Runs a command to its end, advancing the fake clock 10 ms at a time.</summary>
    public async Task<CapabilityResult> RunAsync(ActuationRequest request)
    {
        var run = Capability.ExecuteAsync(request, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        while (!run.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            Time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }

        return await run;
    }

    /// <summary>Waits (in real time, briefly) for the code under test to catch up with the fake clock.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Timed out waiting for {what}.");
            await Task.Delay(1);
        }
    }

    public void Dispose()
    {
        Close();
        _directory.Dispose();
    }

    private void Open()
    {
        Memory = new DispenserMemory(MemoryPath, Time);
        Servo = new SimulatedServo(Time, Memory, Options.Servo);
        Carousel = Options.Carousel.Enabled ? new Carousel(Options.Carousel, Memory) : null;
        if (Options.DropSensor.Enabled)
        {
            Gpio = new EmulatedGpioDriver();
            DropSensor = new GpioDropSensor(new GpioController(Gpio), Options.DropSensor, ownsController: true, NullLogger.Instance);
        }

        Capability = new DispenserCapability(
            Servo, Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<DispenserCapability>.Instance, Carousel, DropSensor);
    }

    private void Close()
    {
        DropSensor?.Dispose();
        Servo.Dispose();
        Memory.Dispose();
    }
}
