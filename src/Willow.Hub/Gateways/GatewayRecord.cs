namespace Willow.Hub.Gateways;

/// <summary>A home's gateway and the state of its link to the hub.</summary>
public sealed record GatewayRecord(Guid HouseholdId, string GatewayId, bool Connected, DateTimeOffset? LastConnectedAt, DateTimeOffset? LastSeenAt);
