using Willow.Core.Protocol;
using Willow.Core.Regimens;
using Willow.Gateway.Journal;

namespace Willow.Gateway.Doses;

/// <summary>
/// The household's regimens as the gateway last received them, kept in the journal so that doses keep
/// flowing after a restart with the hub out of reach.
/// </summary>
public sealed class RegimenBook
{
    private readonly GatewayJournal _journal;
    private readonly TimeProvider _time;
    private volatile RegimenSet? _set;

    public RegimenBook(GatewayJournal journal, TimeProvider time)
    {
        _journal = journal;
        _time = time;
        _set = journal.LoadRegimenSet();
    }

    /// <summary>Raised after a new set is stored.</summary>
    public event Action? Changed;

    public IReadOnlyList<RegimenPlan> Plans => _set?.Regimens ?? [];

    public IReadOnlySet<Guid> Skipped => _set is { } set ? set.SkippedDoses.ToHashSet() : new HashSet<Guid>();

    public Guid? HouseholdId => _set?.HouseholdId;

    public void Replace(RegimenSet set)
    {
        _journal.SaveRegimenSet(set, _time.GetUtcNow());
        _set = set;
        Changed?.Invoke();
    }
}
