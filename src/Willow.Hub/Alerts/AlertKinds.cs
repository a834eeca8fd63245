namespace Willow.Hub.Alerts;

/// <summary>
/// The kinds of alert and how each is deduplicated. An <em>event</em> (a dose was missed, a dispense failed, a
/// gateway was revoked) happened once: its cause is never opened again, even after it is resolved. A
/// <em>condition</em> (a device is silent, a dispenser runs low, a clock is untrusted) may come back after it went
/// away, and then it is a new alert.
/// </summary>
public static class AlertKinds
{
    public const string DoseMissed = "dose-missed";
    public const string CommandUncertain = "command-uncertain";
    public const string CommandFailed = "command-failed";
    public const string CapacityLow = "capacity-low";
    public const string DeviceSilent = "device-silent";
    public const string GatewaySilent = "gateway-silent";
    public const string ClockUntrusted = "clock-untrusted";
    public const string GatewayRevoked = "gateway-revoked";

    /// <summary>True for events, whose cause opens an alert at most once ever.</summary>
    public static bool IsEvent(string kind) => kind is DoseMissed or CommandUncertain or CommandFailed or GatewayRevoked;
}
