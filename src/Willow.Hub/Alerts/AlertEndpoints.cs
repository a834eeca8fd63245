using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Willow.Hub.Access;
using Willow.Hub.Audit;
using Willow.Hub.Households;

namespace Willow.Hub.Alerts;

/// <summary>
/// <c>/api/v1/households/{householdId}/alerts</c> and <c>…/alert-settings</c>: what needs a person's attention,
/// acknowledging it, and how long an urgent alert waits before it goes to the next person.
/// </summary>
public static class AlertEndpoints
{
    public const int MaxListed = 200;

    public static readonly TimeSpan ShortestEscalation = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestEscalation = TimeSpan.FromDays(1);

    public static RouteGroupBuilder MapAlerts(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/alerts").WithTags("Alerts");
        group.MapGet("/", ListAlerts).Requires(HouseholdRole.Viewer)
            .WithName("ListAlerts")
            .WithSummary("Alerts newest first (at most 'limit', default 50), of one state if given: open, acknowledged or resolved.");
        group.MapGet("/{alertId:guid}", GetAlert).Requires(HouseholdRole.Viewer)
            .WithName("GetAlert")
            .WithSummary("One alert.");
        group.MapPost("/{alertId:guid}/acknowledge", AcknowledgeAlert).Requires(HouseholdRole.Caregiver)
            .WithName("AcknowledgeAlert")
            .WithSummary("Someone is on it: the alert stops escalating. Acknowledging twice is harmless; a resolved alert is a 409.");

        var settings = household.MapGroup("/alert-settings").WithTags("Alerts");
        settings.MapGet("/", GetHouseholdAlertSettings).Requires(HouseholdRole.Viewer)
            .WithName("GetHouseholdAlertSettings")
            .WithSummary("How long an urgent alert waits to be acknowledged before it goes to the next person.");
        settings.MapPut("/", ChangeHouseholdAlertSettings).Requires(HouseholdRole.Owner)
            .WithName("ChangeHouseholdAlertSettings")
            .WithSummary("Changes the escalation delay (from a minute to a day).");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<AlertView>>, ValidationProblem>> ListAlerts(
        Guid householdId, string? state, int? limit, IAlertStore alerts, [FromServices] IOptions<AlertOptions> options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AlertState? wanted = null;
        if (state is not null)
        {
            if (AlertWire.TryParseState(state, out var parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors["state"] = ["state must be open, acknowledged or resolved."];
            }
        }

        if (limit is < 1 or > MaxListed)
        {
            errors["limit"] = [$"limit must be from 1 to {MaxListed}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var list = await alerts.ListAsync(householdId, wanted, limit ?? 50, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AlertView>>([.. list.Select(a => AlertView.From(a, options.Value.PublicUrl))]);
    }

    public static async Task<Results<Ok<AlertView>, ProblemHttpResult>> GetAlert(
        Guid householdId, Guid alertId, IAlertStore alerts, [FromServices] IOptions<AlertOptions> options, CancellationToken cancellationToken) =>
        await alerts.GetAsync(householdId, alertId, cancellationToken) is { } alert
            ? TypedResults.Ok(AlertView.From(alert, options.Value.PublicUrl))
            : NotFound(alertId);

    public static async Task<Results<Ok<AlertView>, ProblemHttpResult>> AcknowledgeAlert(
        Guid householdId,
        Guid alertId,
        HttpContext context,
        IAlertStore alerts,
        AuditTrail audit,
        Live.LiveUpdates live,
        [FromServices] IOptions<AlertOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var by = context.User.CallerName();
        var (alert, changed) = await alerts.AcknowledgeAsync(householdId, alertId, by, time.GetUtcNow(), cancellationToken);
        if (alert is null)
        {
            return NotFound(alertId);
        }

        if (alert.State == AlertState.Resolved)
        {
            return TypedResults.Problem(
                title: "Alert already resolved", detail: $"Alert {alertId} resolved itself ({alert.Resolution}); there is nothing to acknowledge.",
                statusCode: StatusCodes.Status409Conflict);
        }

        if (changed)
        {
            await audit.RecordAsync(context, householdId, AuditActions.AlertAcknowledged, alertId.ToString(), alert.Title);
            AlertLog.Acknowledged(loggers.CreateLogger(typeof(AlertEndpoints).FullName!), alertId, by);
            await live.AlertsChangedAsync(householdId);
        }

        return TypedResults.Ok(AlertView.From(alert, options.Value.PublicUrl));
    }

    public static async Task<Ok<HouseholdAlertSettingsView>> GetHouseholdAlertSettings(Guid householdId, IAlertStore alerts, CancellationToken cancellationToken) =>
        TypedResults.Ok(new HouseholdAlertSettingsView((await alerts.GetHouseholdSettingsAsync(householdId, cancellationToken)).EscalateAfter));

    public static async Task<Results<Ok<HouseholdAlertSettingsView>, ValidationProblem>> ChangeHouseholdAlertSettings(
        Guid householdId, HouseholdAlertSettingsRequest request, HttpContext context, IAlertStore alerts, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (request.EscalateAfter is not { } after || after < ShortestEscalation || after > LongestEscalation)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["escalateAfter"] = ["escalateAfter must be from 00:01:00 (a minute) to 1.00:00:00 (a day)."],
            });
        }

        await alerts.SaveHouseholdSettingsAsync(householdId, new HouseholdAlertSettings(after), cancellationToken);
        await audit.RecordAsync(context, householdId, AuditActions.AlertSettingsChanged, null, $"escalate after {after}");
        return TypedResults.Ok(new HouseholdAlertSettingsView(after));
    }

    private static ProblemHttpResult NotFound(Guid alertId) =>
        TypedResults.Problem(title: "Alert not found", detail: $"No alert {alertId} in this household.", statusCode: StatusCodes.Status404NotFound);
}
