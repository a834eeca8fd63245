namespace Willow.Hub.Audit;

/// <summary>The household's audit log: append-only.</summary>
public interface IAuditStore
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Newest first; entries before <paramref name="before"/> (a sequence number) when paging.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(Guid householdId, int limit, long? before, CancellationToken cancellationToken);
}
