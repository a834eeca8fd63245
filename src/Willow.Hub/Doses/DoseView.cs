using Willow.Core.Commands;
using Willow.Core.Doses;

namespace Willow.Hub.Doses;

/// <summary>A dose as the API shows it; <see cref="PhotoId"/> names the photo the camera took after it, if any.</summary>
public sealed record DoseView(
    Guid Id,
    Guid RegimenId,
    Guid PetId,
    string PetName,
    string Medication,
    string Amount,
    string DeviceId,
    DateTimeOffset ScheduledAt,
    DateTimeOffset WindowOpens,
    DateTimeOffset WindowCloses,
    DoseState State,
    EventSource? StateSource,
    Guid? CommandId,
    string? Detail,
    string? ConfirmedBy,
    DateTimeOffset? ConfirmedAt,
    IReadOnlyList<DoseEventView> Events,
    Guid? PhotoId = null)
{
    public static DoseView From(DoseEntry entry, Guid? photoId = null) => new(
        entry.DoseId, entry.Plan.Id, entry.Plan.PetId, entry.Plan.PetName, entry.Terms.Medication, entry.Terms.Amount, entry.Terms.DeviceId,
        entry.ScheduledAt, entry.WindowOpens, entry.WindowCloses, entry.State, entry.Record?.StateSource, entry.Record?.CommandId,
        entry.Record?.Detail, entry.Record?.ConfirmedBy, entry.Record?.ConfirmedAt,
        [.. (entry.Record?.Events ?? []).Select(e => new DoseEventView(e.State, e.At, e.Source, e.CommandId, e.Detail))],
        photoId);
}

public sealed record DoseEventView(DoseState State, DateTimeOffset At, EventSource Source, Guid? CommandId, string? Detail);
