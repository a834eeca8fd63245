namespace Willow.Hub.Nodes;

/// <summary>
/// Who runs a hub-wide background job (missed-dose detection, the expiry sweep) when several hub nodes
/// share one store: one node at a time holds the job's lease, renews it on every run, and another takes it
/// over when the holder stops renewing (it died).
/// </summary>
public interface IJobLease
{
    /// <summary>True if this node holds (or has just taken) the lease of <paramref name="job"/> for the next <paramref name="lease"/>.</summary>
    Task<bool> TryHoldAsync(string job, TimeSpan lease, CancellationToken cancellationToken);
}

/// <summary>One hub node (SQLite): it always runs its jobs.</summary>
public sealed class SingleNodeJobLease : IJobLease
{
    public Task<bool> TryHoldAsync(string job, TimeSpan lease, CancellationToken cancellationToken) => Task.FromResult(true);
}
