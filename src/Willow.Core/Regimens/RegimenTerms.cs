namespace Willow.Core.Regimens;

/// <summary>
/// What a regimen says from one moment on: the medication, the schedule, the window and lockout, the
/// dispenser. Editing, pausing or ending a regimen adds a new version effective from that moment, so
/// doses already due keep the terms they were due under. With <see cref="PhotoAfter"/>, the camera
/// <see cref="PhotoDeviceId"/> takes a photo once the dose has dropped.
/// </summary>
public sealed record RegimenTerms(
    string Medication,
    string Amount,
    int Portions,
    DoseSchedule Schedule,
    DateTime StartsAt,
    DateTime? EndsAt,
    TimeSpan WindowBefore,
    TimeSpan WindowAfter,
    TimeSpan MinimumInterval,
    string DeviceId,
    int? Slot,
    string? CallDeviceId,
    string? CallSound,
    bool PhotoAfter,
    string? PhotoDeviceId = null);
