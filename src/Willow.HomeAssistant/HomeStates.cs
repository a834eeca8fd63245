using System.Globalization;

namespace Willow.HomeAssistant;

/// <summary>How states are written on their topics, as Home Assistant reads them.</summary>
public static class HomeStates
{
    public const string Online = "online";
    public const string Offline = "offline";
    public const string On = "ON";
    public const string Off = "OFF";

    /// <summary>What an MQTT sensor takes as "unknown".</summary>
    public const string None = "None";

    /// <summary>What Home Assistant publishes on a button's command topic.</summary>
    public const string Press = "PRESS";

    /// <summary>What Home Assistant publishes on <c>&lt;prefix&gt;/status</c> when it starts (its birth message).</summary>
    public const string HomeAssistantOnline = "online";

    /// <summary>A <c>timestamp</c> sensor's state: ISO 8601 with its offset.</summary>
    public static string Timestamp(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture) : None;

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Number(int? value) => value is { } n ? n.ToString(CultureInfo.InvariantCulture) : None;
}
