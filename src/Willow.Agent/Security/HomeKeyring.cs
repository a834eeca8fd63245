namespace Willow.Agent.Security;

/// <summary>The decoded home key the agent verifies signatures with.</summary>
public sealed record HomeKeyring(byte[] Key);
