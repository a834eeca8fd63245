using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Willow.Agent.Actuations;
using Willow.Agent.Capabilities;
using Willow.Agent.Capabilities.Dispenser;
using Willow.Agent.Journal;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Testing;

namespace Willow.Agent.Tests;

/// <summary>An actuation runner over a real journal file, a simulated servo and a fake clock.</summary>
internal sealed class RunnerFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("agent");

    public RunnerFixture(TimeSpan? minimumInterval = null, ICapability? capability = null)
    {
        Options = new DispenserOptions
        {
            MinimumInterval = minimumInterval ?? TimeSpan.Zero,
            Dwell = TimeSpan.Zero,
            ReturnTravel = TimeSpan.Zero,
        };
        Memory = new DispenserMemory(_directory.File("dispenser.db"), Time);
        Servo = new SimulatedServo(Time, Memory);
        Capability = capability ?? new DispenserCapability(
            Servo, Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<DispenserCapability>.Instance);
        Reopen();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public DispenserOptions Options { get; }

    public DispenserMemory Memory { get; }

    public SimulatedServo Servo { get; }

    public ICapability Capability { get; private set; }

    public ActuationJournal Journal { get; private set; } = null!;

    public ActuationRunner Runner { get; private set; } = null!;

    public string JournalPath => _directory.File("journal.db");

    /// <summary>Closes the journal as a process that dies would, and opens it again as the restarted agent does.</summary>
    public IReadOnlyList<JournalEntry> Reopen(ICapability? capability = null)
    {
        Journal?.Dispose();
        Capability = capability ?? Capability;
        Journal = new ActuationJournal(JournalPath);
        var recovered = Journal.RecoverInterrupted(Time.GetUtcNow());
        Runner = new ActuationRunner(Journal, [Capability], Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<ActuationRunner>.Instance);
        return recovered;
    }

    public ActuationRequest Dispense(Guid? id = null, TimeSpan? ttl = null, LockoutOverride? lockoutOverride = null, string args = "{\"portions\":1}") => new(
        id ?? Guid.CreateVersion7(Time.GetUtcNow()),
        CommandKinds.Dispense,
        JsonElement.Parse(args),
        Time.GetUtcNow(),
        Time.GetUtcNow() + (ttl ?? TimeSpan.FromMinutes(1)),
        LockoutOverride: lockoutOverride);

    /// <summary>How many times the servo swung to its release angle: one per portion dropped.</summary>
    public int Releases => Servo.Movements.Count(m => m.ToDegrees == Options.ReleaseAngleDegrees);

    public void Dispose()
    {
        Journal.Dispose();
        Servo.Dispose();
        Memory.Dispose();
        _directory.Dispose();
    }
}
