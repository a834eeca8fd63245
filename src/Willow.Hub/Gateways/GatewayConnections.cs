using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Willow.Hub.Gateways;

/// <summary>
/// The gateway connections open on this hub node, so that revoking a gateway can close its connection at
/// once: SignalR checks a token only when a connection opens.
/// </summary>
public sealed class GatewayConnections
{
    private readonly ConcurrentDictionary<(Guid HouseholdId, string GatewayId), ConcurrentDictionary<string, HubCallerContext>> open = new();

    public void Add(Guid householdId, string gatewayId, HubCallerContext context) =>
        open.GetOrAdd((householdId, gatewayId), _ => new(StringComparer.Ordinal))[context.ConnectionId] = context;

    public void Remove(Guid householdId, string gatewayId, string connectionId)
    {
        if (open.TryGetValue((householdId, gatewayId), out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    /// <summary>How many gateway connections this node holds (a metric).</summary>
    public int Count => open.Values.Sum(connections => connections.Count);

    /// <summary>Closes every connection of the gateway; returns how many there were.</summary>
    public int Abort(Guid householdId, string gatewayId)
    {
        if (!open.TryRemove((householdId, gatewayId), out var connections))
        {
            return 0;
        }

        foreach (var context in connections.Values)
        {
            context.Abort();
        }

        return connections.Count;
    }
}
