using Willow.Hub.Households;

namespace Willow.Hub.Access;

/// <summary>
/// Every route under <c>/households/{householdId}</c> is scoped to the households the caller is a member of
/// now. Another household — or one whose membership has ended — answers 404, exactly like one that does not
/// exist, so ids reveal nothing. A member whose role is too small for the endpoint gets 403.
/// </summary>
public sealed class HouseholdScopeFilter(IMembershipStore memberships, TimeProvider time) : IEndpointFilter
{
    public const string MembershipItem = "willow:membership";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var required = http.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()
            ?? throw new InvalidOperationException($"Endpoint {http.GetEndpoint()?.DisplayName} declares no role; add .Requires(HouseholdRole.…).");
        var membership = Guid.TryParse(http.Request.RouteValues["householdId"]?.ToString(), out var householdId) && http.User.UserIdOrNull() is { } userId
            ? await memberships.GetAsync(householdId, userId, http.RequestAborted)
            : null;
        if (membership is null || !membership.IsActiveAt(time.GetUtcNow()))
        {
            return TypedResults.Problem(
                title: "Household not found",
                detail: "No household with that id is visible to you.",
                statusCode: StatusCodes.Status404NotFound);
        }

        if (membership.Role < required.Role)
        {
            return TypedResults.Problem(
                title: $"This needs a{(required.Role == HouseholdRole.Owner ? "n" : "")} {required.Role.ToWire()}",
                detail: $"You are a {membership.Role.ToWire()} of this household. {Explain(membership.Role)}",
                statusCode: StatusCodes.Status403Forbidden);
        }

        http.Items[MembershipItem] = membership;
        return await next(context);
    }

    private static string Explain(HouseholdRole role) => role switch
    {
        HouseholdRole.Viewer => "Viewers can see everything but change nothing; ask an owner to make you a caregiver.",
        HouseholdRole.Caregiver => "Caregivers feed, call and look after doses; regimens, devices and people are the owners'.",
        _ => "",
    };
}

public static class HouseholdMembership
{
    /// <summary>The caller's membership of the household in the route, as the scope filter found it.</summary>
    public static Membership Membership(this HttpContext context) =>
        context.Items[HouseholdScopeFilter.MembershipItem] as Membership ?? throw new InvalidOperationException("No household scope on this endpoint.");
}
