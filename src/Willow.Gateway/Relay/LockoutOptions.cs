namespace Willow.Gateway.Relay;

/// <summary>
/// The gateway's own copy of the dispense lockout. The agent enforces its own too: either alone stops a
/// double dose.
/// </summary>
public sealed class LockoutOptions
{
    public const string Section = "Lockout";

    /// <summary>For every dispenser without its own entry. Zero turns the gateway's check off.</summary>
    public TimeSpan DispenseMinimumInterval { get; set; } = TimeSpan.Zero;

    /// <summary>Per device id, e.g. <c>"pill-dispenser": "06:00:00"</c>.</summary>
    public Dictionary<string, TimeSpan> Devices { get; set; } = new(StringComparer.Ordinal);

    public TimeSpan For(string deviceId) => Devices.TryGetValue(deviceId, out var interval) ? interval : DispenseMinimumInterval;
}
