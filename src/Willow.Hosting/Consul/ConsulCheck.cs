namespace Willow.Hosting.Consul;

/// <summary>A health check's state: <c>passing</c>, <c>warning</c> or <c>critical</c>.</summary>
public sealed record ConsulCheck(string CheckID, string Name, string Status, string? ServiceID, string? Output);
