using Willow.Core.Protocol;

namespace Willow.Agent.Capabilities;

/// <summary>One kind of hardware an agent hosts. It is called only after the journal holds the intent.</summary>
public interface ICapability
{
    /// <summary>The capability name from <see cref="Core.Commands.Capability"/>.</summary>
    string Name { get; }

    /// <summary>A reason to refuse the request before anything is written or moved, or null to go ahead.</summary>
    string? Refuse(ActuationRequest request);

    /// <summary>Performs the actuation. Returns <c>failed</c> for a fault it detected (jam, empty); an
    /// exception means the hardware's state is unknown and the outcome is recorded <c>uncertain</c>.</summary>
    Task<CapabilityResult> ExecuteAsync(ActuationRequest request, CancellationToken cancellationToken);
}
