using Willow.Hub.Households;

namespace Willow.Hub.Access;

/// <summary>
/// Every route under <c>/households/{householdId}</c> is scoped to the households the caller is a member of
/// now. Another household — or one whose membership has ended — answers 404, exactly like one that does not
/// exist, so ids reveal nothing. A member whose role is too small for the endpoint gets 403. This runs as
/// middleware, before the endpoint reads its body, so that nobody learns anything from how their input
/// would have been judged.
/// </summary>
public sealed class HouseholdScope(RequestDelegate next, IMembershipStore memberships, TimeProvider time)
{
    public const string MembershipItem = "willow:membership";
    public const string RouteValue = "householdId";

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var required = endpoint?.Metadata.GetMetadata<RequiredRole>();
        if (required is null)
        {
            if (context.Request.RouteValues.ContainsKey(RouteValue))
            {
                throw new InvalidOperationException($"Endpoint {endpoint?.DisplayName} is in a household but declares no role; add .Requires(HouseholdRole.…).");
            }

            await next(context);
            return;
        }

        var membership = Guid.TryParse(context.Request.RouteValues[RouteValue]?.ToString(), out var householdId) && context.User.UserIdOrNull() is { } userId
            ? await memberships.GetAsync(householdId, userId, context.RequestAborted)
            : null;
        if (membership is null || !membership.IsActiveAt(time.GetUtcNow()))
        {
            await Results.Problem(
                title: "Household not found",
                detail: "No household with that id is visible to you.",
                statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
            return;
        }

        if (membership.Role < required.Role)
        {
            await Results.Problem(
                title: $"This needs a{(required.Role == HouseholdRole.Owner ? "n" : "")} {required.Role.ToWire()}",
                detail: $"You are a {membership.Role.ToWire()} of this household. {Explain(membership.Role)}",
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        context.Items[MembershipItem] = membership;
        await next(context);
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
    /// <summary>The caller's membership of the household in the route, as <see cref="HouseholdScope"/> found it.</summary>
    public static Membership Membership(this HttpContext context) =>
        context.Items[HouseholdScope.MembershipItem] as Membership ?? throw new InvalidOperationException("No household scope on this endpoint.");
}
