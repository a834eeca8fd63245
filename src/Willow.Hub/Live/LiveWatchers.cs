using System.Collections.Concurrent;

namespace Willow.Hub.Live;

/// <summary>
/// Which of this node's live connections watch which household, and for whom. SignalR cannot list a
/// group's members, so without this a person removed from a household would go on hearing it until
/// their page reconnected.
/// </summary>
public sealed class LiveWatchers
{
    private readonly ConcurrentDictionary<string, (Guid UserId, Guid HouseholdId)> _watching = new(StringComparer.Ordinal);

    public void Add(string connectionId, Guid userId, Guid householdId) => _watching[$"{connectionId}|{householdId:N}"] = (userId, householdId);

    public void Remove(string connectionId, Guid householdId) => _watching.TryRemove($"{connectionId}|{householdId:N}", out _);

    public void RemoveConnection(string connectionId)
    {
        foreach (var key in _watching.Keys.Where(k => k.StartsWith(connectionId + "|", StringComparison.Ordinal)))
        {
            _watching.TryRemove(key, out _);
        }
    }

    /// <summary>Forgets and returns the connections through which <paramref name="userId"/> watches the household.</summary>
    public IReadOnlyList<string> Take(Guid householdId, Guid userId)
    {
        var taken = new List<string>();
        foreach (var (key, watch) in _watching)
        {
            if (watch.UserId == userId && watch.HouseholdId == householdId && _watching.TryRemove(key, out _))
            {
                taken.Add(key[..key.IndexOf('|', StringComparison.Ordinal)]);
            }
        }

        return taken;
    }
}
