using Microsoft.Extensions.Options;
using Willow.Hub.Households;
using Willow.Hub.Nodes;
using Willow.Hub.Regimens;

namespace Willow.Hub.Alerts;

/// <summary>
/// Runs the alert rules over every household on a timer (on one hub node at a time): opens an alert for each new
/// cause (with its deliveries, in the same write), resolves those whose cause went away, and escalates urgent
/// alerts nobody acknowledged in time.
/// </summary>
public sealed class AlertWatch(
    AlertRules rules,
    AlertRecipients recipients,
    IAlertStore store,
    IHouseholdStore households,
    IRegimenStore regimens,
    Devices.IDeviceStore devices,
    AlertCourier courier,
    Live.LiveUpdates live,
    Telemetry.HubMetrics metrics,
    IOptions<AlertOptions> options,
    Nodes.IJobLease lease,
    TimeProvider time,
    ILogger<AlertWatch> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        lease.RunRoundsAsync("alerts", options.Value.EvaluateInterval, time, EvaluateAsync, ex => AlertLog.EvaluationFailed(logger, ex), stoppingToken);

    /// <summary>One round over every household the rules can say something about. Returns how many alerts it opened.</summary>
    public async Task<int> EvaluateAsync(CancellationToken cancellationToken)
    {
        // A household with only a treat dispenser and no channel still sees its alerts on the dashboard.
        var watched = (await regimens.HouseholdsWithRegimensAsync(cancellationToken))
            .Union(await devices.HouseholdsWithDevicesAsync(cancellationToken))
            .Union(await store.HouseholdsWithChannelsAsync(cancellationToken));
        var opened = 0;
        foreach (var householdId in watched)
        {
            try
            {
                opened += await EvaluateAsync(householdId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                AlertLog.HouseholdEvaluationFailed(logger, householdId, ex);
            }
        }

        return opened;
    }

    public async Task<int> EvaluateAsync(Guid householdId, CancellationToken cancellationToken)
    {
        if (await households.GetAsync(householdId, cancellationToken) is not { } household)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var findings = await rules.FindAsync(householdId, TimeZoneInfo.FindSystemTimeZoneById(household.TimeZone), now, cancellationToken);
        var unresolved = await store.ListUnresolvedAsync(householdId, cancellationToken);
        var held = unresolved.Select(a => a.CauseKey).ToHashSet(StringComparer.Ordinal);
        var changed = false;
        var opened = 0;

        foreach (var cause in findings.Causes.Where(c => !held.Contains(c.Key)))
        {
            var alert = cause.ToAlert(householdId, now);
            var deliveries = await recipients.FirstDeliveriesAsync(alert, now, cancellationToken);
            var (holder, isNew) = await store.OpenAsync(alert, deliveries, cancellationToken);
            if (isNew)
            {
                AlertLog.Opened(logger, holder.Id, holder.Kind, holder.CauseKey, holder.Severity.ToWire(), deliveries.Count);
                metrics.AlertOpened(holder.Kind, holder.Severity.ToWire());
                changed = true;
                opened++;
            }
        }

        // A condition whose cause is gone resolves itself; a missed dose the home reported as given, too.
        var present = findings.Causes.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var alert in unresolved)
        {
            var gone = AlertKinds.IsEvent(alert.Kind) ? findings.Overturned.Contains(alert.CauseKey) : !present.Contains(alert.CauseKey);
            if (gone && await store.ResolveAsync(householdId, alert.Id, Resolution(alert.Kind), now, cancellationToken) is { } resolved)
            {
                AlertLog.Resolved(logger, resolved.Id, resolved.CauseKey);
                changed = true;
            }
        }

        changed |= await EscalateAsync(household, unresolved.Where(a => a.State == AlertState.Open && a.Severity == AlertSeverity.Urgent), now, cancellationToken);
        if (changed)
        {
            courier.Wake();
            await live.AlertsChangedAsync(householdId);
        }

        return opened;
    }

    private async Task<bool> EscalateAsync(Household household, IEnumerable<Alert> urgent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = urgent.ToList();
        if (pending.Count == 0)
        {
            return false;
        }

        var after = (await store.GetHouseholdSettingsAsync(household.Id, cancellationToken)).EscalateAfter;
        var order = await recipients.EscalationOrderAsync(household.Id, now, cancellationToken);
        var escalated = false;
        foreach (var alert in pending)
        {
            var next = alert.EscalationStep + 1;
            if (next >= order.Count || now < alert.OpenedAt + (after * next))
            {
                continue;
            }

            var deliveries = await recipients.ForPersonAsync(alert, order[next], now, cancellationToken);
            if (await store.EscalateAsync(household.Id, alert.Id, alert.EscalationStep, deliveries, cancellationToken))
            {
                AlertLog.Escalated(logger, alert.Id, next, order[next]);
                escalated = true;
            }
        }

        return escalated;
    }

    private static string Resolution(string kind) => kind switch
    {
        AlertKinds.DeviceSilent => "The device is reporting again.",
        AlertKinds.GatewaySilent => "The gateway is connected again.",
        AlertKinds.CapacityLow => "The dispenser was refilled (or the schedule changed) and no longer runs out within a day.",
        AlertKinds.ClockUntrusted => "The gateway trusts its clock again.",
        AlertKinds.DoseMissed => "The home reported the dose after all.",
        _ => "The cause went away.",
    };
}
