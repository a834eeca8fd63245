namespace Willow.Gateway.Doses;

/// <summary>What one look at the schedule did: doses started, settled, missed, skipped; how many are still on their way.</summary>
public sealed record DoseRound(int Started, int Settled, int Missed, int Skipped, int InFlight, bool ClockTrusted, DateTimeOffset? NextAt);
