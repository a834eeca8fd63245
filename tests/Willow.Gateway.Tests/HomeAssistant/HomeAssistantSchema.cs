using System.Text.Json;
using System.Text.RegularExpressions;

namespace Willow.Gateway.Tests.HomeAssistant;

/// <summary>
/// Home Assistant's documented MQTT discovery schema for what Willow publishes (button, sensor, binary_sensor,
/// event), written from its documentation pages (<c>integrations/mqtt</c>, <c>button.mqtt</c>, <c>sensor.mqtt</c>,
/// <c>binary_sensor.mqtt</c>, <c>event.mqtt</c>): the keys each platform takes with their types, the required ones,
/// the device keys Home Assistant accepts (it refuses a message with any other), origin and availability. Full key
/// names only; <c>object_id</c> is deprecated in favour of <c>default_entity_id</c>.
/// </summary>
internal static partial class HomeAssistantSchema
{
    private static readonly Dictionary<string, JsonValueKind[]> Common = new(StringComparer.Ordinal)
    {
        ["availability"] = [JsonValueKind.Array],
        ["availability_mode"] = [JsonValueKind.String],
        ["availability_template"] = [JsonValueKind.String],
        ["availability_topic"] = [JsonValueKind.String],
        ["default_entity_id"] = [JsonValueKind.String],
        ["device"] = [JsonValueKind.Object],
        ["enabled_by_default"] = [JsonValueKind.True, JsonValueKind.False],
        ["encoding"] = [JsonValueKind.String],
        ["entity_category"] = [JsonValueKind.String],
        ["entity_picture"] = [JsonValueKind.String],
        ["icon"] = [JsonValueKind.String],
        ["json_attributes_template"] = [JsonValueKind.String],
        ["json_attributes_topic"] = [JsonValueKind.String],
        ["name"] = [JsonValueKind.String, JsonValueKind.Null],
        ["origin"] = [JsonValueKind.Object],
        ["payload_available"] = [JsonValueKind.String],
        ["payload_not_available"] = [JsonValueKind.String],
        ["qos"] = [JsonValueKind.Number],
        ["unique_id"] = [JsonValueKind.String],
    };

    private static readonly Dictionary<string, Dictionary<string, JsonValueKind[]>> Platforms = new(StringComparer.Ordinal)
    {
        ["button"] = new(StringComparer.Ordinal)
        {
            ["command_template"] = [JsonValueKind.String],
            ["command_topic"] = [JsonValueKind.String],
            ["device_class"] = [JsonValueKind.String],
            ["payload_press"] = [JsonValueKind.String],
            ["retain"] = [JsonValueKind.True, JsonValueKind.False],
        },
        ["sensor"] = new(StringComparer.Ordinal)
        {
            ["device_class"] = [JsonValueKind.String],
            ["expire_after"] = [JsonValueKind.Number],
            ["force_update"] = [JsonValueKind.True, JsonValueKind.False],
            ["last_reset_value_template"] = [JsonValueKind.String],
            ["options"] = [JsonValueKind.Array],
            ["state_class"] = [JsonValueKind.String],
            ["state_topic"] = [JsonValueKind.String],
            ["suggested_display_precision"] = [JsonValueKind.Number],
            ["unit_of_measurement"] = [JsonValueKind.String],
            ["value_template"] = [JsonValueKind.String],
        },
        ["binary_sensor"] = new(StringComparer.Ordinal)
        {
            ["device_class"] = [JsonValueKind.String],
            ["expire_after"] = [JsonValueKind.Number],
            ["force_update"] = [JsonValueKind.True, JsonValueKind.False],
            ["off_delay"] = [JsonValueKind.Number],
            ["payload_off"] = [JsonValueKind.String],
            ["payload_on"] = [JsonValueKind.String],
            ["state_topic"] = [JsonValueKind.String],
            ["value_template"] = [JsonValueKind.String],
        },
        ["event"] = new(StringComparer.Ordinal)
        {
            ["device_class"] = [JsonValueKind.String],
            ["event_types"] = [JsonValueKind.Array],
            ["state_topic"] = [JsonValueKind.String],
            ["value_template"] = [JsonValueKind.String],
        },
    };

    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["button"] = ["command_topic"],
        ["sensor"] = ["state_topic"],
        ["binary_sensor"] = ["state_topic"],
        ["event"] = ["state_topic", "event_types"],
    };

    private static readonly Dictionary<string, string[]> DeviceClasses = new(StringComparer.Ordinal)
    {
        ["button"] = ["identify", "restart", "update"],
        ["sensor"] = ["temperature", "humidity", "weight", "timestamp", "enum", "duration", "battery"],
        ["binary_sensor"] = ["connectivity", "motion", "problem", "occupancy"],
        ["event"] = ["button", "doorbell", "motion"],
    };

    private static readonly string[] DeviceKeys =
        ["configuration_url", "connections", "hw_version", "identifiers", "manufacturer", "model", "model_id", "name", "serial_number", "suggested_area", "sw_version", "via_device"];

    private static readonly string[] OriginKeys = ["name", "sw_version", "support_url"];

    private static readonly string[] AvailabilityKeys = ["topic", "payload_available", "payload_not_available", "value_template"];

    /// <summary>Everything wrong with one discovery message on <paramref name="topic"/>; empty when Home Assistant would take it.</summary>
    public static List<string> Problems(string topic, string payload)
    {
        var problems = new List<string>();
        var match = ConfigTopic().Match(topic);
        if (!match.Success)
        {
            return [$"{topic} is not <prefix>/<component>/<object_id>/config"];
        }

        var component = match.Groups["component"].Value;
        var objectId = match.Groups["object"].Value;
        if (!Platforms.TryGetValue(component, out var specific))
        {
            return [$"{topic}: '{component}' is not a platform Willow publishes"];
        }

        var root = JsonDocument.Parse(payload).RootElement;
        foreach (var property in root.EnumerateObject())
        {
            if (!Common.TryGetValue(property.Name, out var kinds) && !specific.TryGetValue(property.Name, out kinds))
            {
                problems.Add($"{topic}: '{property.Name}' is not a documented {component} key (abbreviations and object_id are not used)");
            }
            else if (!kinds.Contains(property.Value.ValueKind))
            {
                problems.Add($"{topic}: '{property.Name}' is {property.Value.ValueKind}, not {string.Join(" or ", kinds)}");
            }
        }

        foreach (var key in Required[component].Concat(["unique_id", "device", "origin", "name", "default_entity_id"]))
        {
            if (!root.TryGetProperty(key, out _))
            {
                problems.Add($"{topic}: '{key}' is missing");
            }
        }

        if (root.TryGetProperty("unique_id", out var uniqueId) && uniqueId.GetString() != objectId)
        {
            problems.Add($"{topic}: the object id is not the unique_id {uniqueId}");
        }

        if (root.TryGetProperty("default_entity_id", out var entityId)
            && (!EntityId().IsMatch(entityId.GetString()!) || !entityId.GetString()!.StartsWith(component + ".", StringComparison.Ordinal)))
        {
            problems.Add($"{topic}: default_entity_id '{entityId}' is not {component}.<lower_case_id>");
        }

        if (root.TryGetProperty("qos", out var qos) && qos.GetInt32() is < 0 or > 2)
        {
            problems.Add($"{topic}: qos {qos} is not 0, 1 or 2");
        }

        if (root.TryGetProperty("device_class", out var deviceClass) && !DeviceClasses[component].Contains(deviceClass.GetString()))
        {
            problems.Add($"{topic}: '{deviceClass}' is not a {component} device class");
        }

        if (root.TryGetProperty("state_class", out var stateClass))
        {
            if (stateClass.GetString() is not ("measurement" or "total" or "total_increasing" or "measurement_angle"))
            {
                problems.Add($"{topic}: state_class '{stateClass}' is not documented");
            }

            if (deviceClass.ValueKind == JsonValueKind.String && deviceClass.GetString() is "timestamp" or "enum")
            {
                problems.Add($"{topic}: a {deviceClass} sensor takes no state_class");
            }
        }

        if (deviceClass.ValueKind == JsonValueKind.String && deviceClass.GetString() == "enum" && !root.TryGetProperty("options", out _))
        {
            problems.Add($"{topic}: an enum sensor needs its options");
        }

        if (root.TryGetProperty("expire_after", out var expire) && expire.GetInt32() <= 0)
        {
            problems.Add($"{topic}: expire_after must be a positive number of seconds");
        }

        if (root.TryGetProperty("entity_category", out var category) && category.GetString() is not ("config" or "diagnostic"))
        {
            problems.Add($"{topic}: entity_category '{category}' is not config or diagnostic");
        }

        if (root.TryGetProperty("device", out var device))
        {
            problems.AddRange(device.EnumerateObject().Where(p => !DeviceKeys.Contains(p.Name)).Select(p => $"{topic}: device key '{p.Name}' is not documented"));
            if (!device.TryGetProperty("identifiers", out var identifiers) || identifiers.ValueKind != JsonValueKind.Array || identifiers.GetArrayLength() == 0)
            {
                problems.Add($"{topic}: the device has no identifiers");
            }
        }

        if (root.TryGetProperty("origin", out var origin))
        {
            problems.AddRange(origin.EnumerateObject().Where(p => !OriginKeys.Contains(p.Name)).Select(p => $"{topic}: origin key '{p.Name}' is not documented"));
            if (!origin.TryGetProperty("name", out _))
            {
                problems.Add($"{topic}: the origin has no name");
            }
        }

        if (root.TryGetProperty("availability", out var availability))
        {
            foreach (var entry in availability.EnumerateArray())
            {
                problems.AddRange(entry.EnumerateObject().Where(p => !AvailabilityKeys.Contains(p.Name)).Select(p => $"{topic}: availability key '{p.Name}' is not documented"));
                if (!entry.TryGetProperty("topic", out _))
                {
                    problems.Add($"{topic}: an availability entry has no topic");
                }
            }

            if (root.TryGetProperty("availability_mode", out var mode) && mode.GetString() is not ("all" or "any" or "latest"))
            {
                problems.Add($"{topic}: availability_mode '{mode}' is not all, any or latest");
            }
        }

        if (component == "button" && (!root.TryGetProperty("retain", out var retain) || retain.ValueKind != JsonValueKind.False))
        {
            problems.Add($"{topic}: a button must say retain: false (a retained press would dispense on every reconnect)");
        }

        return problems;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+/(?<component>[a-z_]+)/(?<object>[A-Za-z0-9_-]+)/config$")]
    private static partial Regex ConfigTopic();

    [GeneratedRegex("^[a-z_]+\\.[a-z0-9_]+$")]
    private static partial Regex EntityId();
}
