using System.ComponentModel.DataAnnotations;

namespace Willow.HomeAssistant;

/// <summary>
/// The MQTT broker Home Assistant listens on, and how Willow shows up there. Off while <see cref="Broker"/> is
/// empty. <c>WILLOW__Mqtt__Broker=mqtt://192.168.1.10:1883</c>, or <c>--mqtt</c> on the command line.
/// </summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    /// <summary><c>mqtt://host[:port]</c> (1883 by default) or <c>mqtts://host[:port]</c> (TLS, 8883); empty turns MQTT off.</summary>
    public string Broker { get; set; } = "";

    /// <summary>The broker account, if it asks for one (a user in the URL works too).</summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>The MQTT client id; also names this bridge's availability topic. Empty: chosen from the role (<c>willow-gateway-…</c>, <c>willow-hub</c>).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Where Home Assistant looks for discovery messages (its <c>discovery_prefix</c>).</summary>
    [Required(ErrorMessage = "Mqtt:DiscoveryPrefix must not be empty; Home Assistant's default is 'homeassistant'.")]
    [RegularExpression("^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$", ErrorMessage = "Mqtt:DiscoveryPrefix must be a plain topic such as 'homeassistant' (no '+', '#' or empty levels).")]
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>The first level of Willow's own state and command topics.</summary>
    [Required(ErrorMessage = "Mqtt:TopicPrefix must not be empty, e.g. 'willow'.")]
    [RegularExpression("^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$", ErrorMessage = "Mqtt:TopicPrefix must be a plain topic such as 'willow' (no '+', '#' or empty levels).")]
    public string TopicPrefix { get; set; } = "willow";

    /// <summary>How often the broker and Willow check on each other (MQTT keep-alive); a dead link is noticed within 1.5 × this.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait before connecting again after the broker went away; it doubles up to <see cref="ReconnectMaximumDelay"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaximumDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A reading not renewed for this long shows as unavailable in Home Assistant (<c>expire_after</c>): a board that
    /// stopped reporting must not show yesterday's bowl weight as today's.
    /// </summary>
    public TimeSpan ReadingsExpireAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A press in Home Assistant that the home cannot start within this long is never started (the command's expiry).</summary>
    public TimeSpan PressExpiresAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often states (next dose, doses left, presence) are looked at again besides the changes that push them at once.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The hub only: the households it publishes (a hub may hold many homes, and one Home Assistant belongs to one of
    /// them). Empty: every household with a regimen, which suits a hub that serves one family.
    /// </summary>
    public List<Guid> Households { get; set; } = [];

    public bool Enabled => Broker.Length > 0;

    /// <summary>What is wrong with the settings, each as a sentence naming the setting to fix (empty when nothing is).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Enabled && !BrokerAddress.TryParse(Broker, out _))
        {
            problems.Add($"Mqtt:Broker '{Broker}' is not a broker address; write {BrokerAddress.Expected}.");
        }

        Check(problems, "KeepAlive", KeepAlive, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(30));
        Check(problems, "ReconnectInitialDelay", ReconnectInitialDelay, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(10));
        Check(problems, "ReconnectMaximumDelay", ReconnectMaximumDelay, ReconnectInitialDelay, TimeSpan.FromHours(1));
        Check(problems, "ReadingsExpireAfter", ReadingsExpireAfter, TimeSpan.FromSeconds(10), TimeSpan.FromDays(7));
        Check(problems, "PressExpiresAfter", PressExpiresAfter, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1));
        Check(problems, "RefreshInterval", RefreshInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        if (ClientId.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(ClientId, "^[A-Za-z0-9_-]{1,64}$"))
        {
            problems.Add("Mqtt:ClientId must be 1 to 64 letters, digits, '_' or '-' (it also names a topic).");
        }

        return problems;
    }

    private static void Check(List<string> problems, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            problems.Add($"Mqtt:{name} must be between {min:c} and {max:c}, not {value:c}.");
        }
    }
}
