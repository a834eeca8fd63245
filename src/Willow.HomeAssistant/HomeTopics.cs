namespace Willow.HomeAssistant;

/// <summary>
/// Willow's topics on the broker. States and commands live under <c>&lt;prefix&gt;/&lt;household&gt;/&lt;device&gt;/…</c>
/// (device ids are already topic-safe: lower-case letters, digits, '-'); discovery under Home Assistant's prefix.
/// </summary>
public sealed class HomeTopics(string discoveryPrefix, string topicPrefix)
{
    public const string PressLevel = "press";

    public HomeTopics(MqttOptions options)
        : this(options.DiscoveryPrefix, options.TopicPrefix)
    {
    }

    public string DiscoveryPrefix { get; } = discoveryPrefix;

    /// <summary>Home Assistant's birth and last-will topic: <c>online</c> when it (re)starts.</summary>
    public string HomeAssistantStatus => $"{DiscoveryPrefix}/status";

    /// <summary>Every single-component discovery message on the broker (Willow's are told apart by their unique id).</summary>
    public string AllConfigs => $"{DiscoveryPrefix}/+/+/config";

    /// <summary>Every press on every Willow button: prefix / household / device / action / press.</summary>
    public string AllPresses => $"{topicPrefix}/+/+/+/{PressLevel}";

    public static string HouseholdKey(Guid householdId) => householdId.ToString("N");

    public string Config(string component, string objectId) => $"{DiscoveryPrefix}/{component}/{objectId}/config";

    /// <summary>The bridge's own availability: its last will says <c>offline</c>, it says <c>online</c> after every connect.</summary>
    public string BridgeAvailability(string bridgeId) => $"{topicPrefix}/bridges/{bridgeId}/availability";

    public string Device(Guid householdId, string deviceId) => $"{topicPrefix}/{HouseholdKey(householdId)}/{deviceId}";

    public string DeviceAvailability(Guid householdId, string deviceId) => $"{Device(householdId, deviceId)}/availability";

    public string State(Guid householdId, string deviceId, string what) => $"{Device(householdId, deviceId)}/{what}";

    public string Press(Guid householdId, string deviceId, string action) => $"{Device(householdId, deviceId)}/{action}/{PressLevel}";

    public string Outcome(Guid householdId, string deviceId, string action) => $"{Device(householdId, deviceId)}/{action}/outcome";

    /// <summary>Whether a topic is one of Willow's device topics (never another application's, never a bridge's).</summary>
    public bool IsDeviceTopic(string topic) =>
        topic.StartsWith(topicPrefix + "/", StringComparison.Ordinal) && !topic.StartsWith($"{topicPrefix}/bridges/", StringComparison.Ordinal);

    /// <summary>Reads a press topic back: which household, device and action (feed, treat, call).</summary>
    public bool TryParsePress(string topic, out Guid householdId, out string deviceId, out string action)
    {
        householdId = Guid.Empty;
        deviceId = action = "";
        var start = topicPrefix + "/";
        if (!topic.StartsWith(start, StringComparison.Ordinal))
        {
            return false;
        }

        var levels = topic[start.Length..].Split('/');
        if (levels.Length != 4 || levels[3] != PressLevel || !Guid.TryParseExact(levels[0], "N", out householdId) || levels[1].Length == 0)
        {
            return false;
        }

        deviceId = levels[1];
        action = levels[2];
        return true;
    }
}
