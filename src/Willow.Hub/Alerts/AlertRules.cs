using System.Globalization;
using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Core.Regimens;
using Willow.Hub.Commands;
using Willow.Hub.Devices;
using Willow.Hub.Doses;
using Willow.Hub.Gateways;
using Willow.Hub.Regimens;

namespace Willow.Hub.Alerts;

/// <summary>
/// The alert rules: from what the hub already knows about a household (doses, commands, devices, gateways), the
/// causes that deserve a person's attention right now. A pure reading of the stores; deciding what to open and
/// what to resolve is <see cref="AlertWatch"/>'s.
/// </summary>
public sealed class AlertRules(
    IDoseStore doses,
    ICommandStore commands,
    IDeviceStore devices,
    IGatewayStore gateways,
    RegimenPublisher regimens,
    IOptions<AlertOptions> options,
    IOptions<PresenceOptions> presence)
{
    /// <summary>Enough recent commands to see every failed dispense of the lookback in any real home.</summary>
    private const int RecentCommands = 200;

    public async Task<HouseholdFindings> FindAsync(Guid householdId, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var causes = new List<AlertCause>();
        var plans = await regimens.PlansAsync(householdId, cancellationToken);

        // Doses: a missed dose is always urgent. One the home later reports as given is no longer missed.
        var recorded = await doses.ListAsync(householdId, now - settings.EventLookback, now, cancellationToken);
        var notMissed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dose in recorded)
        {
            var key = $"{AlertKinds.DoseMissed}:{dose.Id}";
            if (dose.State != DoseState.Missed)
            {
                notMissed.Add(key);
                continue;
            }

            var plan = plans.FirstOrDefault(p => p.Id == dose.RegimenId);
            var local = LocalTimes.ToLocal(dose.ScheduledAt, plan?.Zone ?? zone).ToString("HH:mm", CultureInfo.InvariantCulture);
            var what = plan is null ? "A dose" : $"{plan.PetName}'s {local} dose of {plan.Current.Terms.Medication}";
            causes.Add(new AlertCause(
                AlertKinds.DoseMissed, key, AlertSeverity.Urgent,
                plan is null ? $"A dose due at {local} was missed" : $"{what} was missed",
                "Check on the pet and give the dose by hand if the vet's instructions allow, then confirm it in Willow.",
                "/doses"));
        }

        // Dispenses that failed or may have released something: urgent when they served a dose.
        var householdDevices = await devices.ListAsync(householdId, cancellationToken);
        string NameOf(string deviceId) => householdDevices.FirstOrDefault(d => d.DeviceId == deviceId)?.Name ?? deviceId;
        foreach (var command in await commands.ListRecentAsync(householdId, null, RecentCommands, cancellationToken))
        {
            if (command.Envelope.Kind != CommandKinds.Dispense || command.UpdatedAt < now - settings.EventLookback
                || command.State is not (CommandState.Failed or CommandState.Uncertain))
            {
                continue;
            }

            var uncertain = command.State == CommandState.Uncertain;
            var medication = command.Envelope.DoseId is not null;
            causes.Add(new AlertCause(
                uncertain ? AlertKinds.CommandUncertain : AlertKinds.CommandFailed,
                $"{(uncertain ? AlertKinds.CommandUncertain : AlertKinds.CommandFailed)}:{command.Envelope.Id}",
                medication ? AlertSeverity.Urgent : AlertSeverity.Warning,
                uncertain
                    ? $"{NameOf(command.Envelope.DeviceId)} may or may not have dispensed"
                    : $"{NameOf(command.Envelope.DeviceId)} failed to dispense",
                uncertain
                    ? "Look at the dispenser (or its camera) to see whether the portion dropped before feeding again."
                    : "Check the dispenser for a jam or an empty carousel, then feed again if the pet still needs it.",
                "/devices"));
        }

        // Gateways: revoked (once), silent, clock not trusted.
        var silentGateways = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gateway in await gateways.ListAsync(householdId, cancellationToken))
        {
            if (gateway.RevokedAt is not null)
            {
                causes.Add(new AlertCause(
                    AlertKinds.GatewayRevoked, $"{AlertKinds.GatewayRevoked}:{gateway.GatewayId}", AlertSeverity.Info,
                    $"Gateway {gateway.GatewayId} was revoked",
                    "If nobody in the household meant to do this, enrol the home's gateway again with a new code.",
                    "/devices"));
                continue;
            }

            if (gateway.EnrolledAt is null)
            {
                continue;
            }

            if (!gateway.Connected && (gateway.LastSeenAt ?? gateway.EnrolledAt) <= now - settings.SilentAfter)
            {
                silentGateways.Add(gateway.GatewayId);
                causes.Add(new AlertCause(
                    AlertKinds.GatewaySilent, $"{AlertKinds.GatewaySilent}:{gateway.GatewayId}", AlertSeverity.Warning,
                    $"Gateway {gateway.GatewayId} has not been heard from",
                    "Check that the gateway has power and internet; scheduled doses keep being given at home meanwhile.",
                    "/devices"));
            }

            if (gateway.ClockTrusted == false)
            {
                causes.Add(new AlertCause(
                    AlertKinds.ClockUntrusted, $"{AlertKinds.ClockUntrusted}:{gateway.GatewayId}", AlertSeverity.Warning,
                    $"Gateway {gateway.GatewayId} does not trust its clock",
                    "Scheduled doses wait until it does: check the gateway's network so it can reach a time server.",
                    "/devices"));
            }
        }

        // Devices: silent (unless their gateway is: that alert says it), dispensers running low.
        var skipped = (await doses.ListSkippedAsync(householdId, now, cancellationToken)).ToHashSet();
        foreach (var device in householdDevices)
        {
            if (!DevicePresence.IsOnline(device, now, presence.Value.OfflineAfter)
                && (device.LastSeenAt ?? device.RegisteredAt) <= now - settings.SilentAfter
                && (device.GatewayId is null || !silentGateways.Contains(device.GatewayId)))
            {
                causes.Add(new AlertCause(
                    AlertKinds.DeviceSilent, $"{AlertKinds.DeviceSilent}:{device.DeviceId}", AlertSeverity.Warning,
                    $"{device.Name} has gone quiet",
                    "Check that the device has power and is on the home's Wi-Fi.",
                    "/devices"));
            }

            var (_, runsOutAt) = CapacityForecast.For(device, plans, skipped, now);
            if (runsOutAt is { } empty && empty <= now + settings.CapacityWarning)
            {
                causes.Add(new AlertCause(
                    AlertKinds.CapacityLow, $"{AlertKinds.CapacityLow}:{device.DeviceId}", AlertSeverity.Warning,
                    $"{device.Name} runs out by {LocalTimes.ToLocal(empty, zone).ToString("ddd HH:mm", CultureInfo.InvariantCulture)}",
                    "Refill the dispenser and record the refill in Willow.",
                    "/devices"));
            }
        }

        return new HouseholdFindings(causes, notMissed);
    }
}

/// <summary>The causes found in one household, and the missed-dose causes that no longer hold (the home reported the dose).</summary>
public sealed record HouseholdFindings(IReadOnlyList<AlertCause> Causes, IReadOnlySet<string> Overturned);
