namespace Willow.Core.Protocol;

/// <summary>
/// What an agent says about itself (<c>GET /api/v1/info</c>); the gateway probes it for presence.
/// <see cref="Sounds"/> is a speaker's library; <see cref="Metrics"/> what a sensors board measures;
/// <see cref="CarouselSlotsLeft"/> how many full slots a carousel dispenser has until its next refill.
/// </summary>
public sealed record AgentInfo(
    string DeviceId,
    string Name,
    IReadOnlyList<string> Capabilities,
    string Version,
    TimeSpan? DispenseMinimumInterval,
    IReadOnlyList<string>? Sounds = null,
    IReadOnlyList<string>? Metrics = null,
    int? CarouselSlotsLeft = null);
