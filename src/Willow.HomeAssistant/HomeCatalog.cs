using Willow.Core.Commands;
using Willow.Core.Readings;
using Willow.HomeAssistant.Discovery;

namespace Willow.HomeAssistant;

/// <summary>
/// Which Home Assistant entities a household's devices make, and their discovery messages: a pure function of the
/// view, so what is published is what a test can read. One Home Assistant device per Willow device (via the bridge),
/// a connectivity sensor for each, Feed or Treat on a dispenser (with its next dose, last dose and doses left), Call
/// on a speaker, and the readings of a sensors board. Every button has an outcome event beside it.
/// </summary>
public sealed class HomeCatalog(HomeTopics topics, HomeBridge bridge, TimeSpan readingsExpireAfter, string? version)
{
    private HomeTopics Topics => topics;

    public const string Manufacturer = "Willow";

    /// <summary>The dose states the last-dose sensor can show.</summary>
    public static IReadOnlyList<string> DoseStates { get; } = ["dispensed", "missed", "skipped", "uncertain"];

    private DiscoveryOrigin Origin { get; } = new() { Name = "Willow", SwVersion = version };

    public string BridgeIdentifier => bridge.Id;

    public TimeSpan ReadingsExpireAfter => readingsExpireAfter;

    public string BridgeAvailability => topics.BridgeAvailability(bridge.Id);

    /// <summary>The bridge's own device and its connectivity sensor (its state is the bridge's last will).</summary>
    public HomeEntity BridgeEntity() => new("binary_sensor", bridge.Id, new DiscoveryConfig
    {
        Name = "Connection",
        UniqueId = $"{bridge.Id}_connectivity",
        DefaultEntityId = $"binary_sensor.{bridge.Id}_connectivity",
        Device = new DiscoveryDevice { Identifiers = [bridge.Id], Name = bridge.Name, Manufacturer = Manufacturer, Model = bridge.Model, SwVersion = bridge.Version },
        Origin = Origin,
        StateTopic = BridgeAvailability,
        PayloadOn = HomeStates.Online,
        PayloadOff = HomeStates.Offline,
        DeviceClass = "connectivity",
        EntityCategory = "diagnostic",
        Qos = 1,
    });

    /// <summary>Every entity of the household's devices whose capabilities are known.</summary>
    public IReadOnlyList<HomeEntity> Entities(HomeView view)
    {
        var entities = new List<HomeEntity>();
        foreach (var device in view.Devices.Where(d => d.Capabilities is not null))
        {
            entities.AddRange(EntitiesOf(view.HouseholdId, device));
        }

        return entities;
    }

    /// <summary>The Home Assistant device identifier of a Willow device.</summary>
    public static string DeviceIdentifier(Guid householdId, string deviceId) => $"willow_{HomeTopics.HouseholdKey(householdId)}_{deviceId}";

    private IEnumerable<HomeEntity> EntitiesOf(Guid householdId, HomeDevice device)
    {
        var capabilities = device.Capabilities!;
        var make = new EntityMaker(this, householdId, device);
        yield return make.Entity("binary_sensor", "connectivity", "Connection", withDevice: false, c => c with
{
            StateTopic = topics.DeviceAvailability(householdId, device.DeviceId),
            PayloadOn = HomeStates.Online,
            PayloadOff = HomeStates.Offline,
            DeviceClass = "connectivity",
            EntityCategory = "diagnostic",
        });

        if (capabilities.Contains(Capability.Dispenser))
        {
            var action = device.Medication is null ? HomeActions.Treat : HomeActions.Feed;
            foreach (var entity in Button(make, householdId, device, action, action == HomeActions.Feed ? "Feed" : "Treat", device.Medication is null ? "mdi:bone" : "mdi:pill"))
            {
                yield return entity;
            }

            if (device.Medication is not null)
            {
                yield return make.Entity("sensor", "next_dose", "Next dose", withDevice: false, c => c with
{
                    StateTopic = topics.State(householdId, device.DeviceId, "next_dose"),
                    DeviceClass = "timestamp",
                });
                var lastDose = topics.State(householdId, device.DeviceId, "last_dose");
                yield return make.Entity("sensor", "last_dose", "Last dose", withDevice: false, c => c with
{
                    StateTopic = lastDose,
                    ValueTemplate = "{{ value_json.state }}",
                    JsonAttributesTopic = lastDose,
                    DeviceClass = "enum",
                    Options = DoseStates,
                    Icon = "mdi:pill",
                });
            }

            if (device.DosesLeft is not null)
            {
                yield return make.Entity("sensor", "doses_left", "Doses left", withDevice: false, c => c with
{
                    StateTopic = topics.State(householdId, device.DeviceId, "doses_left"),
                    StateClass = "measurement",
                    UnitOfMeasurement = "doses",
                    Icon = "mdi:pill-multiple",
                });
            }
        }

        if (capabilities.Contains(Capability.Speaker))
        {
            foreach (var entity in Button(make, householdId, device, HomeActions.Call, "Call", "mdi:bullhorn"))
            {
                yield return entity;
            }
        }

        if (capabilities.Contains(Capability.Sensors))
        {
            var metrics = device.Metrics is { Count: > 0 } measured ? measured : Metrics.All;
            foreach (var metric in metrics.Where(Metrics.IsKnown))
            {
                yield return Reading(make, householdId, device, metric);
            }
        }
    }

    private IEnumerable<HomeEntity> Button(EntityMaker make, Guid householdId, HomeDevice device, string action, string name, string icon)
    {
        var outcome = topics.Outcome(householdId, device.DeviceId, action);
        yield return make.Entity("button", action, name, withDevice: true, c => c with
        {
            CommandTopic = topics.Press(householdId, device.DeviceId, action),
            PayloadPress = HomeStates.Press,
            Retain = false,
            JsonAttributesTopic = outcome,
            Icon = icon,
        }) with { Action = action };
        yield return make.Entity("event", $"{action}_outcome", $"{name} outcome", withDevice: false, c => c with
{
            StateTopic = outcome,
            EventTypes = PressOutcome.EventTypes,
        });
    }

    private HomeEntity Reading(EntityMaker make, Guid householdId, HomeDevice device, string metric)
    {
        var state = topics.State(householdId, device.DeviceId, metric);
        var expire = (int)Math.Ceiling(readingsExpireAfter.TotalSeconds);
        return metric switch
        {
            Metrics.Motion => make.Entity("binary_sensor", metric, "Motion", withDevice: true, c => c with
{
                StateTopic = state, PayloadOn = HomeStates.On, PayloadOff = HomeStates.Off, DeviceClass = "motion",
            }),
            Metrics.Temperature => make.Entity("sensor", metric, "Temperature", withDevice: true, c => c with
{
                StateTopic = state, DeviceClass = "temperature", StateClass = "measurement", UnitOfMeasurement = Metrics.UnitOf(metric),
                SuggestedDisplayPrecision = 1, ExpireAfter = expire,
            }),
            Metrics.Humidity => make.Entity("sensor", metric, "Humidity", withDevice: true, c => c with
{
                StateTopic = state, DeviceClass = "humidity", StateClass = "measurement", UnitOfMeasurement = Metrics.UnitOf(metric),
                SuggestedDisplayPrecision = 0, ExpireAfter = expire,
            }),
            _ => make.Entity("sensor", metric, "Bowl weight", withDevice: true, c => c with
{
                StateTopic = state, DeviceClass = "weight", StateClass = "measurement", UnitOfMeasurement = Metrics.UnitOf(metric),
                SuggestedDisplayPrecision = 0, ExpireAfter = expire, Icon = "mdi:bowl",
            }),
        };
    }

    /// <summary>The parts every entity of one device shares: its device block, origin and availability.</summary>
    private sealed class EntityMaker(HomeCatalog catalog, Guid householdId, HomeDevice device)
    {
        private readonly DiscoveryDevice _device = new()
        {
            Identifiers = [DeviceIdentifier(householdId, device.DeviceId)],
            Name = device.Name,
            Manufacturer = Manufacturer,
            Model = Model(device.Capabilities!),
            SwVersion = device.Version,
            ViaDevice = catalog.BridgeIdentifier,
        };

        /// <param name="withDevice">
        /// Whether the entity is usable only while the device is online (a button, a reading); otherwise only the bridge
        /// must be (the device's connectivity, its schedule).
        /// </param>
        public HomeEntity Entity(string component, string what, string name, bool withDevice, Func<DiscoveryConfig, DiscoveryConfig> shape)
        {
            var uniqueId = $"{DeviceIdentifier(householdId, device.DeviceId)}_{what}";
            IReadOnlyList<DiscoveryAvailability> availability = withDevice
                ? [new() { Topic = catalog.BridgeAvailability }, new() { Topic = catalog.Topics.DeviceAvailability(householdId, device.DeviceId) }]
                : [new() { Topic = catalog.BridgeAvailability }];
            return new HomeEntity(component, device.DeviceId, shape(new DiscoveryConfig
            {
                Name = name,
                UniqueId = uniqueId,
                DefaultEntityId = $"{component}.willow_{device.DeviceId.Replace('-', '_')}_{what}",
                Device = _device,
                Origin = catalog.Origin,
                Availability = availability,
                AvailabilityMode = withDevice ? "all" : null,
                Qos = 1,
            }));
        }

        private static string Model(IReadOnlyList<string> capabilities) => capabilities.Count == 0
            ? "Willow agent"
            : string.Join(", ", capabilities.Select(c => char.ToUpperInvariant(c[0]) + c[1..]));
    }
}
