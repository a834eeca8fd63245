using System.Globalization;
using System.Text.Json;
using Willow.Core.Commands;
using Willow.Core.Readings;

namespace Willow.HomeAssistant;

/// <summary>
/// Puts discovery messages and states on the broker, each only when it changed since the last connect (retained
/// messages stay there, so once is enough), and takes off the discovery messages of Willow entities that are no
/// longer there: it follows every retained discovery message on the broker, so a device removed while this process
/// was down is removed too.
/// </summary>
internal sealed class HomePublisher(BrokerLink broker, HomeTopics topics, HomeCatalog catalog) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _onBroker = new(StringComparer.Ordinal);
    private readonly Lock _seen = new();
    private volatile bool _forgotten;

    /// <summary>The connection dropped: what the broker holds must be checked again after the next connect.</summary>
    public void Forget()
    {
        lock (_seen)
        {
            _onBroker.Clear();
        }

        // Cleared under the gate at the next publish, so a publish in flight cannot put an entry back afterwards.
        _forgotten = true;
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>A retained discovery message seen on the broker (ours or anyone's; only Willow's are kept).</summary>
    public void NoteConfig(string topic, string payload)
    {
        lock (_seen)
        {
            if (payload.Length == 0 || WillowIdentifier(payload) is null)
            {
                _onBroker.Remove(topic);
            }
            else
            {
                _onBroker[topic] = payload;
            }
        }
    }

    /// <summary>Publishes every entity and state of <paramref name="views"/>; with <paramref name="full"/>, even those the broker has.</summary>
    /// <returns>How many entities there are, and the discovery topics removed.</returns>
    public async Task<(int Entities, IReadOnlyList<string> Removed)> PublishAsync(
        IReadOnlyList<HomeView> views, bool full, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (full)
            {
                _published.Clear();
            }

            List<HomeEntity> entities = [catalog.BridgeEntity(), .. views.SelectMany(catalog.Entities)];
            foreach (var entity in entities)
            {
                await PutAsync(topics.Config(entity.Component, entity.ObjectId), JsonSerializer.Serialize(entity.Config, HomeAssistantJsonContext.Default.DiscoveryConfig), cancellationToken);
            }

            foreach (var view in views)
            {
                foreach (var device in view.Devices)
                {
                    await PublishStatesAsync(view.HouseholdId, device, now, cancellationToken);
                }
            }

            return (entities.Count, await RemoveStaleAsync(views, entities, cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Not retained: an outcome is news, and an event replayed after a restart would fire again.</summary>
    public Task<bool> PublishOutcomeAsync(Guid householdId, string deviceId, string action, PressOutcome outcome, CancellationToken cancellationToken) =>
        broker.PublishAsync(topics.Outcome(householdId, deviceId, action), JsonSerializer.Serialize(outcome, HomeAssistantJsonContext.Default.PressOutcome), retain: false, cancellationToken);

    private async Task PublishStatesAsync(Guid householdId, HomeDevice device, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await PutAsync(topics.DeviceAvailability(householdId, device.DeviceId), device.Online ? HomeStates.Online : HomeStates.Offline, cancellationToken);
        foreach (var (metric, reading) in device.Readings ?? new Dictionary<string, HomeReading>())
        {
            // A reading older than expire_after would show a stale value as fresh for another expiry: leave it out.
            if (Metrics.IsKnown(metric) && now - reading.At < catalog.ReadingsExpireAfter)
            {
                var payload = metric == Metrics.Motion ? (reading.Value >= 0.5 ? HomeStates.On : HomeStates.Off) : HomeStates.Number(reading.Value);
                // Each new reading is sent, even with the same value: it renews the sensor's expire_after.
                await PutAsync(topics.State(householdId, device.DeviceId, metric), payload, cancellationToken, version: reading.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (device.Capabilities is null || !device.Capabilities.Contains(Capability.Dispenser))
        {
            return;
        }

        if (device.Medication is not null)
        {
            await PutAsync(topics.State(householdId, device.DeviceId, "next_dose"), HomeStates.Timestamp(device.NextDoseAt), cancellationToken);
            var last = device.LastDose is { } dose
                ? JsonSerializer.Serialize(dose, HomeAssistantJsonContext.Default.LastDoseState)
                : "{\"state\":null}";
            await PutAsync(topics.State(householdId, device.DeviceId, "last_dose"), last, cancellationToken);
        }

        if (device.DosesLeft is not null)
        {
            await PutAsync(topics.State(householdId, device.DeviceId, "doses_left"), HomeStates.Number(device.DosesLeft), cancellationToken);
        }
    }

    /// <summary>
    /// Empties the retained discovery message of every Willow entity of these households that is not in
    /// <paramref name="current"/>, unless its device is still there but not seen since start (then its capabilities
    /// are not known, and what it had is kept). Its retained state goes too.
    /// </summary>
    private async Task<IReadOnlyList<string>> RemoveStaleAsync(IReadOnlyList<HomeView> views, List<HomeEntity> current, CancellationToken cancellationToken)
    {
        var wanted = current.Select(e => topics.Config(e.Component, e.ObjectId)).ToHashSet(StringComparer.Ordinal);
        var live = current.SelectMany(e => (string?[])[e.Config.StateTopic, e.Config.JsonAttributesTopic, .. e.Config.Availability?.Select(a => a.Topic) ?? []])
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unknown = views.SelectMany(v => v.Devices.Where(d => d.Capabilities is null).Select(d => HomeCatalog.DeviceIdentifier(v.HouseholdId, d.DeviceId)))
            .ToHashSet(StringComparer.Ordinal);
        var households = views.Select(v => $"willow_{HomeTopics.HouseholdKey(v.HouseholdId)}_").ToList();
        List<(string Topic, string Payload)> seen;
        lock (_seen)
        {
            seen = [.. _onBroker.Select(p => (p.Key, p.Value))];
        }

        var removed = new List<string>();
        foreach (var (topic, payload) in seen)
        {
            var identifier = WillowIdentifier(payload);
            if (wanted.Contains(topic) || identifier is null || unknown.Contains(identifier) || !households.Any(h => identifier.StartsWith(h, StringComparison.Ordinal)))
            {
                continue;
            }

            if (await broker.PublishAsync(topic, "", retain: true, cancellationToken))
            {
                _published.Remove(topic);
                removed.Add(topic);
                if (StateTopic(payload) is { } state && !live.Contains(state) && topics.IsDeviceTopic(state))
                {
                    await broker.PublishAsync(state, "", retain: true, cancellationToken);
                    _published.Remove(state);
                }
            }
        }

        return removed;
    }

    private async Task<bool> PutAsync(string topic, string payload, CancellationToken cancellationToken, string? version = null)
    {
        var key = version is null ? payload : $"{payload}@{version}";
        if (_forgotten)
        {
            _forgotten = false;
            _published.Clear();
        }

        if (_published.TryGetValue(topic, out var before) && before == key)
        {
            return true;
        }

        if (!await broker.PublishAsync(topic, payload, retain: true, cancellationToken))
        {
            return false;
        }

        _published[topic] = key;
        return true;
    }

    /// <summary>The device identifier of a Willow entity's discovery message, or null for anyone else's.</summary>
    private static string? WillowIdentifier(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("unique_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString()!.StartsWith("willow_", StringComparison.Ordinal)
                && root.TryGetProperty("device", out var device) && device.ValueKind == JsonValueKind.Object
                && device.TryGetProperty("identifiers", out var identifiers) && identifiers.ValueKind == JsonValueKind.Array && identifiers.GetArrayLength() > 0
                && identifiers[0].ValueKind == JsonValueKind.String)
            {
                return identifiers[0].GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: not Willow's.
        }

        return null;
    }

    private static string? StateTopic(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.TryGetProperty("state_topic", out var topic) && topic.ValueKind == JsonValueKind.String ? topic.GetString() : null;
    }
}
