using Microsoft.AspNetCore.Http.HttpResults;
using Willow.Hub.Access;
using Willow.Hub.Audit;
using Willow.Hub.Doses;
using Willow.Hub.Households;

namespace Willow.Hub.Regimens;

/// <summary><c>/api/v1/households/{householdId}/regimens</c>: courses of medication, run at home on schedule.</summary>
public static class RegimenEndpoints
{
    public static RouteGroupBuilder MapRegimens(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/regimens").WithTags("Regimens");
        group.MapPost("/", CreateRegimen).Requires(HouseholdRole.Owner)
            .WithName("CreateRegimen")
            .WithSummary("Describes a course of medication once; the home gives every dose on time from then on.");
        group.MapPost("/preview", PreviewRegimen).Requires(HouseholdRole.Owner)
            .WithName("PreviewRegimen")
            .WithSummary("Checks a regimen as creating it would, and lists its next ten doses, without saving anything.");
        group.MapGet("/", ListRegimens).Requires(HouseholdRole.Viewer)
            .WithName("ListRegimens")
            .WithSummary("The household's regimens, with their next dose.");
        group.MapGet("/{regimenId:guid}", GetRegimen).Requires(HouseholdRole.Viewer)
            .WithName("GetRegimen")
            .WithSummary("One regimen.");
        group.MapPut("/{regimenId:guid}", ChangeRegimen).Requires(HouseholdRole.Owner)
            .WithName("ChangeRegimen")
            .WithSummary("Changes a regimen's terms from now on (doses already due keep the terms they had).");
        group.MapPost("/{regimenId:guid}/pause", PauseRegimen).Requires(HouseholdRole.Owner)
            .WithName("PauseRegimen")
            .WithSummary("No dose falls while paused.");
        group.MapPost("/{regimenId:guid}/resume", ResumeRegimen).Requires(HouseholdRole.Owner)
            .WithName("ResumeRegimen")
            .WithSummary("Doses fall again from now on.");
        group.MapDelete("/{regimenId:guid}", EndRegimen).Requires(HouseholdRole.Owner)
            .WithName("EndRegimen")
            .WithSummary("Ends the course now; its record stays.");
        return group;
    }

    public static async Task<Results<Created<RegimenView>, ValidationProblem, ProblemHttpResult>> CreateRegimen(
        Guid householdId, RegimenRequest request, HttpContext context, RegimenEditor editor, IDoseStore doses, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var edit = await editor.CreateAsync(householdId, request, context.User.CallerName(), cancellationToken);
        if (edit.Result != RegimenEditResult.Done)
        {
            return TypedResults.ValidationProblem(edit.Errors!);
        }

        await audit.RecordAsync(context, householdId, AuditActions.RegimenCreated, Describe(edit), Terms(edit.Regimen!));
        var view = await ViewAsync(edit, doses, time, cancellationToken);
        return TypedResults.Created($"/api/v1/households/{householdId}/regimens/{view.Id}", view);
    }

    public static async Task<Results<Ok<RegimenPreview>, ValidationProblem>> PreviewRegimen(
        Guid householdId, RegimenRequest request, RegimenEditor editor, CancellationToken cancellationToken)
    {
        var (preview, errors) = await editor.PreviewAsync(householdId, request, RegimenPreview.Count, cancellationToken);
        return preview is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(preview);
    }

    public static async Task<Ok<IReadOnlyList<RegimenView>>> ListRegimens(
        Guid householdId, Guid? pet, RegimenPublisher publisher, IRegimenStore regimens, IHouseholdStore households, IDoseStore doses, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var plans = (await publisher.PlansAsync(householdId, cancellationToken)).ToDictionary(p => p.Id);
        var skipped = (await doses.ListSkippedAsync(householdId, now, cancellationToken)).ToHashSet();
        var records = await regimens.ListAsync(householdId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RegimenView>>([.. records
            .Where(r => pet is null || r.PetId == pet)
            .Select(r => RegimenView.From(r, plans[r.Id].PetName, plans[r.Id].TimeZone, DoseCalendar.Next(plans[r.Id], now, skipped)?.ScheduledAt))]);
    }

    public static async Task<Results<Ok<RegimenView>, ProblemHttpResult>> GetRegimen(
        Guid householdId, Guid regimenId, RegimenPublisher publisher, IDoseStore doses, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var plan = (await publisher.PlansAsync(householdId, cancellationToken)).FirstOrDefault(p => p.Id == regimenId);
        if (plan is null)
        {
            return NotFound(regimenId);
        }

        var skipped = (await doses.ListSkippedAsync(householdId, now, cancellationToken)).ToHashSet();
        var record = (await publisher.RecordAsync(householdId, regimenId, cancellationToken))!;
        return TypedResults.Ok(RegimenView.From(record, plan.PetName, plan.TimeZone, DoseCalendar.Next(plan, now, skipped)?.ScheduledAt));
    }

    public static async Task<Results<Ok<RegimenView>, ValidationProblem, ProblemHttpResult>> ChangeRegimen(
        Guid householdId, Guid regimenId, RegimenRequest request, HttpContext context, RegimenEditor editor, IDoseStore doses, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken) =>
        await Respond(await editor.ChangeTermsAsync(householdId, regimenId, request, context.User.CallerName(), cancellationToken), "changed terms", context, audit, regimenId, doses, time, cancellationToken);

    public static async Task<Results<Ok<RegimenView>, ValidationProblem, ProblemHttpResult>> PauseRegimen(
        Guid householdId, Guid regimenId, HttpContext context, RegimenEditor editor, IDoseStore doses, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken) =>
        await Respond(await editor.PauseAsync(householdId, regimenId, pause: true, context.User.CallerName(), cancellationToken), "paused", context, audit, regimenId, doses, time, cancellationToken);

    public static async Task<Results<Ok<RegimenView>, ValidationProblem, ProblemHttpResult>> ResumeRegimen(
        Guid householdId, Guid regimenId, HttpContext context, RegimenEditor editor, IDoseStore doses, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken) =>
        await Respond(await editor.PauseAsync(householdId, regimenId, pause: false, context.User.CallerName(), cancellationToken), "resumed", context, audit, regimenId, doses, time, cancellationToken);

    public static async Task<Results<Ok<RegimenView>, ValidationProblem, ProblemHttpResult>> EndRegimen(
        Guid householdId, Guid regimenId, HttpContext context, RegimenEditor editor, IDoseStore doses, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken) =>
        await Respond(await editor.EndAsync(householdId, regimenId, context.User.CallerName(), cancellationToken), "ended", context, audit, regimenId, doses, time, cancellationToken);

    private static async Task<Results<Ok<RegimenView>, ValidationProblem, ProblemHttpResult>> Respond(
        RegimenEdit edit, string change, HttpContext context, AuditTrail audit, Guid regimenId, IDoseStore doses, TimeProvider time, CancellationToken cancellationToken)
    {
        if (edit.Result == RegimenEditResult.Done)
        {
            await audit.RecordAsync(context, edit.Regimen!.HouseholdId, AuditActions.RegimenChanged, Describe(edit), $"{change}: {Terms(edit.Regimen)}");
        }

        return edit.Result switch
        {
            RegimenEditResult.Done => TypedResults.Ok(await ViewAsync(edit, doses, time, cancellationToken)),
            RegimenEditResult.Invalid => TypedResults.ValidationProblem(edit.Errors!),
            RegimenEditResult.Conflict => TypedResults.Problem(
                title: "The regimen changed meanwhile", detail: "Someone else changed it at the same moment; read it again and retry.", statusCode: StatusCodes.Status409Conflict),
            _ => NotFound(regimenId),
        };
    }

    private static string Describe(RegimenEdit edit) => $"{edit.PetName}: {edit.Regimen!.Current.Terms.Medication} ({edit.Regimen.Id})";

    private static string Terms(RegimenRecord regimen)
    {
        var current = regimen.Current;
        var status = current.Ended ? "ended" : current.Paused ? "paused" : "active";
        return $"{current.Terms.Amount} {current.Terms.Schedule.Describe()} on {current.Terms.DeviceId}, {status} (version {current.Version})";
    }

    private static async Task<RegimenView> ViewAsync(RegimenEdit edit, IDoseStore doses, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = edit.Regimen!;
        var now = time.GetUtcNow();
        var skipped = (await doses.ListSkippedAsync(record.HouseholdId, now, cancellationToken)).ToHashSet();
        return RegimenView.From(record, edit.PetName!, edit.TimeZone!, DoseCalendar.Next(record.ToPlan(edit.PetName!, edit.TimeZone!), now, skipped)?.ScheduledAt);
    }

    private static ProblemHttpResult NotFound(Guid regimenId) => TypedResults.Problem(
        title: "Regimen not found", detail: $"This household has no regimen {regimenId}.", statusCode: StatusCodes.Status404NotFound);
}
