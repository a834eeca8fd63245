using Microsoft.AspNetCore.Http.HttpResults;

namespace Willow.Hub.Gateways;

/// <summary><c>/api/v1/households/{householdId}/gateways</c>: is the home connected?</summary>
public static class GatewayEndpoints
{
    public static RouteGroupBuilder MapGateways(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/gateways").WithTags("Gateways");
        group.MapGet("/", ListGateways)
            .WithName("ListGateways")
            .WithSummary("The household's gateways and whether each is connected now.");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<GatewayView>>> ListGateways(Guid householdId, IGatewayStore gateways, CancellationToken cancellationToken)
    {
        var list = await gateways.ListAsync(householdId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<GatewayView>>([.. list.Select(GatewayView.From)]);
    }
}
