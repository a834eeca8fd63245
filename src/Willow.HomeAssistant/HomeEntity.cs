using Willow.HomeAssistant.Discovery;

namespace Willow.HomeAssistant;

/// <summary>
/// One Home Assistant entity Willow publishes: its component (<c>button</c>, <c>sensor</c>, …), its object id (the
/// unique id, as the issue asks), its discovery message, and for a button the action a press asks for.
/// </summary>
public sealed record HomeEntity(string Component, string DeviceId, DiscoveryConfig Config, string? Action = null)
{
    public string ObjectId => Config.UniqueId;
}
