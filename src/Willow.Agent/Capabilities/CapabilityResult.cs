using Willow.Core.Commands;

namespace Willow.Agent.Capabilities;

/// <summary>How an actuation ended, as the hardware saw it.</summary>
public sealed record CapabilityResult(CommandState State, string? Detail)
{
    public static CapabilityResult Succeeded(string? detail = null) => new(CommandState.Succeeded, detail);

    public static CapabilityResult Failed(string detail) => new(CommandState.Failed, detail);
}
