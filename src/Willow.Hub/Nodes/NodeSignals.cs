using Willow.Hub.DirectMode;
using Willow.Hub.Gateways;
using Willow.Hub.Live;

namespace Willow.Hub.Nodes;

public enum NodeSignalKind
{
    /// <summary>A gateway's token was revoked or replaced: close its open connections (Subject: gateway id).</summary>
    GatewayRetired,

    /// <summary>A person left or was removed: their open dashboards stop hearing the household (Subject: user id).</summary>
    MemberRemoved,

    /// <summary>A command waits for a direct-mode device: wake its long-poll (Subject: device id).</summary>
    DirectCommandWaiting,
}

/// <summary>Something every hub node must act on, because what it concerns may be open on any of them.</summary>
public sealed record NodeSignal(NodeSignalKind Kind, Guid HouseholdId, string Subject);

/// <summary>Passes a signal to every hub node, this one included.</summary>
public interface INodeSignals
{
    Task BroadcastAsync(NodeSignal signal);
}

/// <summary>One hub node (SQLite): the signal is handled here, and that is everywhere.</summary>
public sealed class SingleNodeSignals(NodeSignalHandler handler) : INodeSignals
{
    public Task BroadcastAsync(NodeSignal signal) => handler.HandleAsync(signal);
}

/// <summary>What this node does with a signal: only what concerns its own connections and waiters.</summary>
public sealed class NodeSignalHandler(GatewayConnections gateways, LiveUpdates live, DirectCommandSignal direct, ILogger<NodeSignalHandler> logger)
{
    public async Task HandleAsync(NodeSignal signal)
    {
        switch (signal.Kind)
        {
            case NodeSignalKind.GatewayRetired:
                var closed = gateways.Abort(signal.HouseholdId, signal.Subject);
                if (closed > 0)
                {
                    GatewayLog.ConnectionsClosed(logger, signal.Subject, signal.HouseholdId, closed);
                }

                break;
            case NodeSignalKind.MemberRemoved:
                await live.StopWatchingAsync(signal.HouseholdId, Guid.Parse(signal.Subject));
                break;
            case NodeSignalKind.DirectCommandWaiting:
                direct.Notify(signal.HouseholdId, signal.Subject);
                break;
        }
    }
}
