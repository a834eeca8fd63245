using Willow.Core.Doses;
using Willow.Hub.Pets;
using Willow.Hub.Regimens;

namespace Willow.Hub.Doses;

/// <summary>Adherence per pet and course, from the dose calendar.</summary>
public sealed class AdherenceReport(DoseCalendar calendar, RegimenPublisher regimens, IDoseStore doses, TimeProvider time)
{
    public async Task<AdherenceView> ForPetAsync(Pet pet, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var end = to is { } t && t < now ? t : now;
        var plans = (await regimens.PlansAsync(pet.HouseholdId, cancellationToken)).Where(p => p.PetId == pet.Id).ToList();
        var skipped = (await doses.ListSkippedAsync(pet.HouseholdId, now, cancellationToken)).ToHashSet();
        var rows = new List<RegimenAdherence>();
        foreach (var plan in plans)
        {
            // Each course from its first version, capped at the calendar's longest span.
            var start = from ?? plan.Versions[0].EffectiveFrom;
            if (end - start > DoseEndpoints.MaxSpan)
            {
                start = end - DoseEndpoints.MaxSpan;
            }

            // Due: every dose whose window has closed, and one already settled inside its window (given early in the
            // window, or skipped): "1 of 1 given" right after the morning dose, not "no doses due yet".
            var due = (await calendar.ListAsync(pet.HouseholdId, start, end, pet.Id, plan.Id, cancellationToken))
                .Where(e => e.WindowCloses <= now || e.State != DoseState.Scheduled).ToList();
            int Count(DoseState state) => due.Count(e => e.State == state);
            var dispensed = Count(DoseState.Dispensed);
            var skippedCount = Count(DoseState.Skipped);
            var relevant = due.Count - skippedCount;
            rows.Add(new RegimenAdherence(
                plan.Id,
                plan.Current.Terms.Medication,
                plan.Current.Ended ? "ended" : plan.Current.Paused ? "paused" : "active",
                due.Count,
                dispensed,
                due.Count(e => e.Record?.ConfirmedAt is not null),
                Count(DoseState.Missed),
                skippedCount,
                Count(DoseState.Uncertain),
                Count(DoseState.Scheduled),
                relevant == 0 ? null : Math.Round(100.0 * dispensed / relevant, 1),
                DoseCalendar.Next(plan, now, skipped)?.ScheduledAt));
        }

        return new AdherenceView(pet.Id, pet.Name, from, end, rows);
    }
}
