using Microsoft.AspNetCore.Http.HttpResults;
using Willow.Hub.Access;
using Willow.Hub.Audit;

namespace Willow.Hub.Households;

/// <summary>
/// <c>/api/v1/households</c>: the homes the caller belongs to, creating one, and — under
/// <c>/households/{householdId}</c> — its settings.
/// </summary>
public static class HouseholdEndpoints
{
    public static RouteGroupBuilder MapHouseholds(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/households").WithTags("Households").RequireAuthorization(AccessPolicies.Person);
        group.MapGet("/", ListHouseholds)
            .WithName("ListHouseholds")
            .WithSummary("The households the caller belongs to, with the caller's role in each.");
        group.MapPost("/", CreateHouseholdAsync)
            .WithName("CreateHousehold")
            .WithSummary("Creates a household; the caller becomes its owner.");
        return group;
    }

    public static RouteGroupBuilder MapHouseholdSettings(this RouteGroupBuilder household)
    {
        household.MapGet("/", GetHousehold).Requires(HouseholdRole.Viewer).WithTags("Households")
            .WithName("GetHousehold").WithSummary("The household's name and zone.");
        household.MapPatch("/", UpdateHousehold).Requires(HouseholdRole.Owner).WithTags("Households")
            .WithName("UpdateHousehold").WithSummary("Renames the household or changes its time zone.");
        return household;
    }

    public static async Task<Ok<IReadOnlyList<HouseholdView>>> ListHouseholds(
        HttpContext context, IMembershipStore memberships, IHouseholdStore households, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = (await memberships.ListForUserAsync(context.User.RequiredUserId(), cancellationToken)).Where(m => m.IsActiveAt(now)).ToDictionary(m => m.HouseholdId);
        var list = await households.ListAsync(mine.Keys, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<HouseholdView>>([.. list.Select(h => HouseholdView.From(h, mine[h.Id]))]);
    }

    public static async Task<Results<Created<HouseholdView>, ValidationProblem>> CreateHouseholdAsync(
        CreateHouseholdRequest request, HttpContext context, IHouseholdStore households, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone!, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["timeZone"] = [$"'{request.TimeZone}' is not an IANA time zone, e.g. \"Europe/Berlin\"."] });
        }

        var now = time.GetUtcNow();
        var household = new Household(Guid.CreateVersion7(now), request.Name!.Trim(), request.TimeZone!, now);
        var owner = new Membership(household.Id, context.User.RequiredUserId(), HouseholdRole.Owner, null, context.User.CallerName(), now);
        await households.CreateAsync(household, owner, cancellationToken);
        await audit.RecordAsync(context, household.Id, AuditActions.HouseholdCreated, household.Name);
        return TypedResults.Created($"/api/v1/households/{household.Id}", HouseholdView.From(household, owner));
    }

    public static async Task<Results<Ok<HouseholdView>, ProblemHttpResult>> GetHousehold(
        Guid householdId, HttpContext context, IHouseholdStore households, CancellationToken cancellationToken) =>
        await households.GetAsync(householdId, cancellationToken) is { } household
            ? TypedResults.Ok(HouseholdView.From(household, context.Membership()))
            : TypedResults.Problem(title: "Household not found", statusCode: StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<HouseholdView>, ValidationProblem>> UpdateHousehold(
        Guid householdId, UpdateHouseholdRequest request, HttpContext context, IHouseholdStore households, AuditTrail audit, CancellationToken cancellationToken)
    {
        var current = (await households.GetAsync(householdId, cancellationToken))!;
        if (request.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["timeZone"] = [$"'{zone}' is not an IANA time zone, e.g. \"Europe/Berlin\"."] });
        }

        var name = request.Name?.Trim() ?? current.Name;
        var timeZone = request.TimeZone ?? current.TimeZone;
        await households.UpdateAsync(householdId, name, timeZone, cancellationToken);
        await audit.RecordAsync(context, householdId, AuditActions.HouseholdChanged, name, $"time zone {timeZone}");
        return TypedResults.Ok(HouseholdView.From(current with { Name = name, TimeZone = timeZone }, context.Membership()));
    }
}
