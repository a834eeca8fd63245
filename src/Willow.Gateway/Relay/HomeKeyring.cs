namespace Willow.Gateway.Relay;

/// <summary>The decoded home key the gateway signs agent requests with.</summary>
public sealed record HomeKeyring(byte[] Key);
