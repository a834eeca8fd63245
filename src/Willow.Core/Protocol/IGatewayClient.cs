namespace Willow.Core.Protocol;

/// <summary>
/// What the hub pushes to a gateway over <c>/hubs/gateway</c>. Methods are named as events: they say
/// what happened at the hub, and the gateway decides what to do about it.
/// </summary>
public interface IGatewayClient
{
    /// <summary>A command for one of the home's devices was accepted.</summary>
    Task CommandIssued(CommandEnvelope command);

    /// <summary>A person cancelled a command before the home reported it started.</summary>
    Task CommandCancelled(Guid commandId);

    /// <summary>The household's regimens or skipped doses changed: here is the whole set.</summary>
    Task RegimensChanged(RegimenSet regimens);
}
