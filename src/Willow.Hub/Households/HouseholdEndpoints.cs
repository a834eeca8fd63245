using Microsoft.AspNetCore.Http.HttpResults;
using Willow.Hub.Access;

namespace Willow.Hub.Households;

/// <summary><c>/api/v1/households</c>: the homes the caller belongs to.</summary>
public static class HouseholdEndpoints
{
    public static RouteGroupBuilder MapHouseholds(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/households").WithTags("Households").RequireAuthorization(AccessPolicies.Person);
        group.MapGet("/", ListHouseholds)
            .WithName("ListHouseholds")
            .WithSummary("The households the caller belongs to.");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<HouseholdView>>> ListHouseholds(
        HttpContext context, IHouseholdStore households, CancellationToken cancellationToken)
    {
        var list = await households.ListAsync(context.User.HouseholdIds(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<HouseholdView>>([.. list.Select(HouseholdView.From)]);
    }
}
