using Microsoft.AspNetCore.Http.HttpResults;
using Willow.Hub.Access;
using Willow.Hub.Households;

namespace Willow.Hub.Audit;

/// <summary><c>/api/v1/households/{householdId}/audit</c>: who did what, newest first.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/audit").WithTags("Audit");
        group.MapGet("/", ListAudit).Requires(HouseholdRole.Owner)
            .WithName("ListAudit").WithSummary("The household's audit log, newest first; page with 'before'.");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditView>>, ValidationProblem>> ListAudit(
        Guid householdId, int? limit, long? before, IAuditStore audit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be from 1 to 500."] });
        }

        var entries = await audit.ListAsync(householdId, limit ?? 100, before, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AuditView>>([.. entries.Select(e => new AuditView(e.Sequence, e.At, e.Actor, e.Via, e.Action, e.Target, e.Detail))]);
    }
}

public sealed record AuditView(long Sequence, DateTimeOffset At, string Actor, string Via, string Action, string? Target, string? Detail);
