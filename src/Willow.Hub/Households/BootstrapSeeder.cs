using Microsoft.Extensions.Options;
using Willow.Hub.Access;
using Willow.Hub.Gateways;

namespace Willow.Hub.Households;

/// <summary>
/// Writes the households and gateways declared in <see cref="BootstrapOptions"/> to the store at start-up,
/// before the server takes requests. Idempotent: a restart updates names and zones, loses nothing.
/// </summary>
public sealed class BootstrapSeeder(
    IOptions<BootstrapOptions> options, IHouseholdStore households, IGatewayStore gateways, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bootstrap = options.Value;
        foreach (var household in bootstrap.Households)
        {
            await households.UpsertAsync(new Household(household.Id, household.Name, household.TimeZone, time.GetUtcNow()), cancellationToken);
        }

        foreach (var gateway in bootstrap.GatewayTokens)
        {
            await gateways.DeclareAsync(gateway.Household, gateway.GatewayId, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
