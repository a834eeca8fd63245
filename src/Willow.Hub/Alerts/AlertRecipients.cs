using Willow.Hub.Households;

namespace Willow.Hub.Alerts;

/// <summary>
/// Who hears an alert, on which channels, and when. Warnings and notes go to every member with a channel, held
/// until their quiet hours end. Urgent alerts go to the people who can act, one at a time in the escalation order
/// (owners, then caregivers; within a role, who joined first), starting with the first, and ignore quiet hours.
/// </summary>
public sealed class AlertRecipients(IAlertStore store, IMembershipStore memberships, IHouseholdStore households)
{
    /// <summary>The people an urgent alert escalates through, in order: only those with a channel on.</summary>
    public async Task<IReadOnlyList<Guid>> EscalationOrderAsync(Guid householdId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var withChannels = (await store.ListChannelsAsync(householdId, null, cancellationToken)).Where(c => c.Enabled).Select(c => c.UserId).ToHashSet();
        return [.. (await memberships.ListMembersAsync(householdId, cancellationToken))
            .Select(m => m.Membership)
            .Where(m => m.IsActiveAt(now) && m.Role is HouseholdRole.Owner or HouseholdRole.Caregiver && withChannels.Contains(m.UserId))
            .OrderBy(m => m.Role == HouseholdRole.Owner ? 0 : 1).ThenBy(m => m.CreatedAt).ThenBy(m => m.UserId)
            .Select(m => m.UserId)];
    }

    /// <summary>The deliveries that open <paramref name="alert"/>: to everyone (not urgent), or to the first in the escalation order.</summary>
    public async Task<IReadOnlyList<AlertDelivery>> FirstDeliveriesAsync(Alert alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (alert.Severity == AlertSeverity.Urgent)
        {
            var order = await EscalationOrderAsync(alert.HouseholdId, now, cancellationToken);
            return order.Count == 0 ? [] : await ForPersonAsync(alert, order[0], now, cancellationToken);
        }

        var members = (await memberships.ListMembersAsync(alert.HouseholdId, cancellationToken))
            .Where(m => m.Membership.IsActiveAt(now)).Select(m => m.Membership.UserId).ToHashSet();
        var deliveries = new List<AlertDelivery>();
        foreach (var userId in (await store.ListChannelsAsync(alert.HouseholdId, null, cancellationToken)).Select(c => c.UserId).Distinct())
        {
            if (members.Contains(userId))
            {
                deliveries.AddRange(await ForPersonAsync(alert, userId, now, cancellationToken));
            }
        }

        return deliveries;
    }

    /// <summary>One delivery per enabled channel of the person; a non-urgent one waits for their quiet hours to end.</summary>
    public async Task<IReadOnlyList<AlertDelivery>> ForPersonAsync(Alert alert, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = now;
        if (alert.Severity != AlertSeverity.Urgent
            && (await store.GetMemberSettingsAsync(alert.HouseholdId, userId, cancellationToken)).QuietHours is { } quiet
            && await households.GetAsync(alert.HouseholdId, cancellationToken) is { } household)
        {
            due = quiet.EndAfter(now, TimeZoneInfo.FindSystemTimeZoneById(household.TimeZone)) ?? now;
        }

        return [.. (await store.ListChannelsAsync(alert.HouseholdId, userId, cancellationToken))
            .Where(c => c.Enabled)
            .Select(c => new AlertDelivery(Guid.CreateVersion7(now), alert.HouseholdId, alert.Id, c.Id, userId, now, due))];
    }
}
