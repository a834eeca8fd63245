using Willow.Core.Protocol;

namespace Willow.Gateway.Journal;

/// <summary>A report waiting to reach the hub: one of a command's state, a command issued at home, a dose, the clock, a batch of readings.</summary>
public sealed record OutboxEntry(
    long Sequence,
    string Kind,
    CommandStateReport? Report = null,
    CommandEnvelope? Issued = null,
    DoseReport? Dose = null,
    ClockReport? Clock = null,
    DeviceReadings? Readings = null);
