namespace Willow.Hub.Doses;

/// <summary>Where dose outcomes are kept. Scheduled doses are computed from regimens, not stored.</summary>
public interface IDoseStore
{
    Task<DoseRecord?> GetAsync(Guid householdId, Guid doseId, CancellationToken cancellationToken);

    /// <summary>Records with a scheduled time in [from, to].</summary>
    Task<IReadOnlyList<DoseRecord>> ListAsync(Guid householdId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Records outcomes in order, in one transaction, each decided by <see cref="Core.Doses.DoseStates.Decide"/>
    /// against what is recorded (a dose with no record is scheduled).
    /// </summary>
    Task<IReadOnlyList<DoseTransition>> RecordAsync(Guid householdId, IReadOnlyList<DoseOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>Notes that a person saw the pet eat a dispensed dose. Returns the dose, or null if it has no dispensed record.</summary>
    Task<DoseRecord?> ConfirmAsync(Guid householdId, Guid doseId, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Doses skipped on purpose, scheduled at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<Guid>> ListSkippedAsync(Guid householdId, DateTimeOffset since, CancellationToken cancellationToken);
}
