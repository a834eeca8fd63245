using Willow.Core.Regimens;
using Willow.Hub.Regimens;

namespace Willow.Hub.Doses;

/// <summary>
/// Lays a household's doses out in time: the occurrences its regimens produce, each with its record if the
/// home (or the hub, or a person) has recorded an outcome.
/// </summary>
public sealed class DoseCalendar(RegimenPublisher regimens, IDoseStore doses, TimeProvider time)
{
    /// <summary>How far around now <see cref="FindAsync"/> looks for a dose by its id.</summary>
    private static readonly TimeSpan FindBack = TimeSpan.FromDays(35);
    private static readonly TimeSpan FindAhead = TimeSpan.FromDays(70);

    public async Task<IReadOnlyList<DoseEntry>> ListAsync(
        Guid householdId, DateTimeOffset from, DateTimeOffset to, Guid? petId, Guid? regimenId, CancellationToken cancellationToken)
    {
        var plans = (await regimens.PlansAsync(householdId, cancellationToken))
            .Where(p => (petId is null || p.PetId == petId) && (regimenId is null || p.Id == regimenId))
            .ToDictionary(p => p.Id);
        var records = (await doses.ListAsync(householdId, from, to, cancellationToken))
            .Where(r => plans.ContainsKey(r.RegimenId))
            .ToDictionary(r => r.Id);

        var entries = new List<DoseEntry>();
        foreach (var plan in plans.Values)
        {
            foreach (var occurrence in ScheduleMath.Occurrences(plan, from, to))
            {
                entries.Add(new DoseEntry(occurrence.DoseId, plan, occurrence.ScheduledAt, occurrence.WindowOpens, occurrence.WindowCloses,
                    occurrence.Version.Terms, records.Remove(occurrence.DoseId, out var record) ? record : null));
            }
        }

        // Outcomes of doses the current terms no longer produce (the regimen was changed since) stay visible.
        foreach (var record in records.Values)
        {
            var plan = plans[record.RegimenId];
            var terms = plan.Versions.LastOrDefault(v => v.EffectiveFrom <= record.ScheduledAt)?.Terms ?? plan.Versions[0].Terms;
            entries.Add(new DoseEntry(record.Id, plan, record.ScheduledAt, record.ScheduledAt - terms.WindowBefore, record.ScheduledAt + terms.WindowAfter, terms, record));
        }

        return [.. entries.OrderBy(e => e.ScheduledAt).ThenBy(e => e.Plan.Id)];
    }

    /// <summary>Finds a dose by id among those due from five weeks ago to ten weeks ahead.</summary>
    public async Task<DoseEntry?> FindAsync(Guid householdId, Guid doseId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = await doses.GetAsync(householdId, doseId, cancellationToken);
        var from = record is null ? now - FindBack : record.ScheduledAt;
        var to = record is null ? now + FindAhead : record.ScheduledAt;
        return (await ListAsync(householdId, from, to, null, record?.RegimenId, cancellationToken)).FirstOrDefault(e => e.DoseId == doseId);
    }

    /// <summary>The next dose of a regimen after <paramref name="after"/> that nobody skipped.</summary>
    public static DoseOccurrence? Next(RegimenPlan plan, DateTimeOffset after, ISet<Guid> skipped)
    {
        // Look from the later of now and the course start, so a course months away still shows its first dose.
        var courseStart = LocalTimes.ToInstant(plan.Current.Terms.StartsAt, plan.Zone);
        var from = courseStart > after ? courseStart : after;
        return ScheduleMath.Occurrences(plan, from, from + TimeSpan.FromDays(40)).FirstOrDefault(o => o.ScheduledAt > after && !skipped.Contains(o.DoseId));
    }
}
