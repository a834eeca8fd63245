namespace Willow.Hub.Access;

/// <summary>
/// Every route under <c>/households/{householdId}</c> is scoped to the caller's households. Another
/// household answers 404, exactly like one that does not exist, so ids reveal nothing.
/// </summary>
public sealed class HouseholdScopeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Guid.TryParse(http.Request.RouteValues["householdId"]?.ToString(), out var householdId) || !http.User.BelongsTo(householdId))
        {
            return TypedResults.Problem(
                title: "Household not found",
                detail: "No household with that id is visible to this token.",
                statusCode: StatusCodes.Status404NotFound);
        }

        return await next(context);
    }
}
