namespace Willow.Gateway.HubLink;

/// <summary>Whether the gateway is connected to its hub, since when, and why not.</summary>
public sealed record HubLinkState(bool Connected, DateTimeOffset? Since, string? LastError);
