using Microsoft.AspNetCore.SignalR;
using Willow.Core.Protocol;
using Willow.Core.Regimens;
using Willow.Hub.Doses;
using Willow.Hub.Gateways;
using Willow.Hub.Households;
using Willow.Hub.Pets;

namespace Willow.Hub.Regimens;

/// <summary>
/// Builds a household's <see cref="RegimenSet"/> and pushes it to the home's gateways: on every change, and
/// on request when a gateway connects. The gateway keeps it and runs the doses from it, hub or no hub.
/// </summary>
public sealed class RegimenPublisher(
    IRegimenStore regimens,
    IPetStore pets,
    IHouseholdStore households,
    IDoseStore doses,
    IHubContext<GatewayHub, IGatewayClient> gateways,
    TimeProvider time,
    ILogger<RegimenPublisher> logger)
{
    /// <summary>Ended regimens are kept in the set this long, so late doses can still be accounted for.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(7);

    public async Task<RegimenSet> BuildAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var plans = await PlansAsync(householdId, cancellationToken);
        var skipped = await doses.ListSkippedAsync(householdId, now - Lookback, cancellationToken);
        return new RegimenSet(householdId, [.. plans.Where(p => !p.Current.Ended || p.Current.EffectiveFrom > now - Lookback)], skipped, now);
    }

    /// <summary>Every regimen of the household as a plan, ended ones included.</summary>
    public async Task<IReadOnlyList<RegimenPlan>> PlansAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var household = await households.GetAsync(householdId, cancellationToken);
        if (household is null)
        {
            return [];
        }

        var names = (await pets.ListAsync(householdId, cancellationToken)).ToDictionary(p => p.Id, p => p.Name);
        return [.. (await regimens.ListAsync(householdId, cancellationToken)).Select(r => r.ToPlan(names.GetValueOrDefault(r.PetId, "?"), household.TimeZone))];
    }

    public Task<RegimenRecord?> RecordAsync(Guid householdId, Guid regimenId, CancellationToken cancellationToken) =>
        regimens.GetAsync(householdId, regimenId, cancellationToken);

    public async Task PublishAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var set = await BuildAsync(householdId, cancellationToken);
        await gateways.Clients.Group(GatewayHub.HouseholdGroup(householdId)).RegimensChanged(set);
        RegimenLog.Published(logger, householdId);
    }
}
