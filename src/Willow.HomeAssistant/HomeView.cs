namespace Willow.HomeAssistant;

/// <summary>
/// A household as Home Assistant should see it right now: its devices with what each can do and its latest
/// states. The gateway builds it from its agents, regimens and journal; the hub from its stores. Readings are
/// not part of it: they are published as they arrive.
/// </summary>
public sealed record HomeView(Guid HouseholdId, IReadOnlyList<HomeDevice> Devices)
{
    public HomeDevice? Find(string deviceId) => Devices.FirstOrDefault(d => d.DeviceId == deviceId);
}

/// <summary>
/// One Willow device. <see cref="Capabilities"/> is null while the device has not been seen since the bridge
/// started (its entities are then neither published nor removed). <see cref="Medication"/> is set when an active
/// regimen gives medication from this dispenser: its button is then Feed (the dose), otherwise Treat.
/// <see cref="Readings"/> holds the newest value of each metric a sensors board measures.
/// </summary>
public sealed record HomeDevice(
    string DeviceId,
    string Name,
    IReadOnlyList<string>? Capabilities,
    bool Online,
    string? Version = null,
    IReadOnlyList<string>? Metrics = null,
    string? Medication = null,
    int Portions = 1,
    int? DosesLeft = null,
    DateTimeOffset? NextDoseAt = null,
    LastDoseState? LastDose = null,
    DateTimeOffset? LockedUntil = null,
    IReadOnlyDictionary<string, HomeReading>? Readings = null);

/// <summary>The newest value of one metric, and when it was read.</summary>
public sealed record HomeReading(double Value, DateTimeOffset At);
