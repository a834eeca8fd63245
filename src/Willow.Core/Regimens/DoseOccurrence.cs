namespace Willow.Core.Regimens;

/// <summary>One dose that falls due: when, under which version, and the window in which it may be given.</summary>
public sealed record DoseOccurrence(Guid DoseId, Guid RegimenId, Guid PetId, DateTimeOffset ScheduledAt, DateTimeOffset WindowOpens, DateTimeOffset WindowCloses, RegimenVersion Version)
{
    public bool IsOpenAt(DateTimeOffset now) => now >= WindowOpens && now <= WindowCloses;
}
