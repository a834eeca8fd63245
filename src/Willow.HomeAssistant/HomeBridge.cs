namespace Willow.HomeAssistant;

/// <summary>
/// The Willow process that speaks for the devices on the broker (a gateway, or the hub): a Home Assistant device of
/// its own that every Willow device is <c>via</c>, whose connectivity is its MQTT last will.
/// </summary>
/// <param name="Id">Unique on the broker and topic-safe, e.g. <c>willow_&lt;household&gt;_gateway_home</c>.</param>
public sealed record HomeBridge(string Id, string Name, string Model, string? Version);
