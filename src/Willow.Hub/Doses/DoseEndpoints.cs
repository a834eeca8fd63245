using Microsoft.AspNetCore.Http.HttpResults;
using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Hub.Access;
using Willow.Hub.Audit;
using Willow.Hub.Households;
using Willow.Hub.Photos;
using Willow.Hub.Regimens;

namespace Willow.Hub.Doses;

/// <summary><c>/api/v1/households/{householdId}/doses</c>: what was due, what was given, and what a person did about it.</summary>
public static class DoseEndpoints
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(92);

    public static RouteGroupBuilder MapDoses(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/doses").WithTags("Doses");
        group.MapGet("/", ListDoses).Requires(HouseholdRole.Viewer)
            .WithName("ListDoses")
            .WithSummary("Doses scheduled in [from, to] (default: yesterday to two days ahead), with their state; filter by pet or regimen.");
        group.MapGet("/{doseId:guid}", GetDose).Requires(HouseholdRole.Viewer)
            .WithName("GetDose")
            .WithSummary("One dose with its record.");
        group.MapPost("/{doseId:guid}/confirm", ConfirmDose).Requires(HouseholdRole.Caregiver)
            .WithName("ConfirmDose")
            .WithSummary("A person saw the pet eat a dispensed dose.");
        group.MapPost("/{doseId:guid}/skip", SkipDose).Requires(HouseholdRole.Caregiver)
            .WithName("SkipDose")
            .WithSummary("Do not give an upcoming dose; the reason is kept. The home is told at once.");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<DoseView>>, ValidationProblem>> ListDoses(
        Guid householdId, DateTimeOffset? from, DateTimeOffset? to, Guid? pet, Guid? regimen, DoseCalendar calendar, IPhotoStore photos, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var start = from ?? now.AddDays(-1);
        var end = to ?? now.AddDays(2);
        if (end < start || end - start > MaxSpan)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["to"] = [$"to must be after from, and at most {MaxSpan.TotalDays:0} days later."],
            });
        }

        var entries = await calendar.ListAsync(householdId, start, end, pet, regimen, cancellationToken);
        var photoOf = await photos.ForDosesAsync(householdId, [.. entries.Where(e => e.Record is not null).Select(e => e.DoseId)], cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DoseView>>([.. entries.Select(e => DoseView.From(e, photoOf.TryGetValue(e.DoseId, out var photo) ? photo : null))]);
    }

    public static async Task<Results<Ok<DoseView>, ProblemHttpResult>> GetDose(
        Guid householdId, Guid doseId, DoseCalendar calendar, IPhotoStore photos, CancellationToken cancellationToken)
    {
        if (await calendar.FindAsync(householdId, doseId, cancellationToken) is not { } entry)
        {
            return NotFound(doseId);
        }

        var photoOf = await photos.ForDosesAsync(householdId, [doseId], cancellationToken);
        return TypedResults.Ok(DoseView.From(entry, photoOf.TryGetValue(doseId, out var photo) ? photo : null));
    }

    public static async Task<Results<Ok<DoseView>, ProblemHttpResult>> ConfirmDose(
        Guid householdId, Guid doseId, HttpContext context, DoseCalendar calendar, IDoseStore doses, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var entry = await calendar.FindAsync(householdId, doseId, cancellationToken);
        if (entry is null)
        {
            return NotFound(doseId);
        }

        var confirmed = await doses.ConfirmAsync(householdId, doseId, context.User.CallerName(), time.GetUtcNow(), cancellationToken);
        if (confirmed is not null)
        {
            await audit.RecordAsync(context, householdId, AuditActions.DoseConfirmed, $"{entry.Plan.PetName}: {entry.Plan.Current.Terms.Medication} ({doseId})");
        }

        return confirmed is null
            ? TypedResults.Problem(
                title: "Only a dispensed dose can be confirmed",
                detail: $"This dose is {entry.State.ToWire()}.",
                statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Ok(DoseView.From(entry with { Record = confirmed }));
    }

    public static async Task<Results<Ok<DoseView>, ProblemHttpResult>> SkipDose(
        Guid householdId,
        Guid doseId,
        SkipDoseRequest request,
        HttpContext context,
        DoseCalendar calendar,
        IDoseStore doses,
        RegimenPublisher publisher,
        AuditTrail audit,
        Telemetry.HubMetrics metrics,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var entry = await calendar.FindAsync(householdId, doseId, cancellationToken);
        if (entry is null)
        {
            return NotFound(doseId);
        }

        var now = time.GetUtcNow();
        if (entry.State != DoseState.Scheduled || now > entry.WindowCloses)
        {
            return TypedResults.Problem(
                title: "Only an upcoming dose can be skipped",
                detail: entry.State == DoseState.Scheduled ? "Its window has closed." : $"This dose is already {entry.State.ToWire()}.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var result = (await doses.RecordAsync(
            householdId,
            [new DoseOutcome(doseId, entry.Plan.Id, entry.ScheduledAt, DoseState.Skipped, EventSource.Hub, null, now, $"Skipped by {context.User.CallerName()}: {request.Reason}")],
            cancellationToken))[0];
        if (!result.Decision.Changes())
        {
            return TypedResults.Problem(title: "Only an upcoming dose can be skipped", detail: $"This dose is already {result.Dose.State.ToWire()}.", statusCode: StatusCodes.Status409Conflict);
        }

        await publisher.PublishAsync(householdId, cancellationToken);
        metrics.DoseRecorded(DoseState.Skipped, EventSource.Hub.ToWire());
        await audit.RecordAsync(context, householdId, AuditActions.DoseSkipped, $"{entry.Plan.PetName}: {entry.Plan.Current.Terms.Medication} ({doseId})", request.Reason);
        return TypedResults.Ok(DoseView.From(entry with { Record = result.Dose }));
    }

    private static ProblemHttpResult NotFound(Guid doseId) => TypedResults.Problem(
        title: "Dose not found", detail: $"No dose {doseId} in this household between five weeks ago and ten weeks ahead.", statusCode: StatusCodes.Status404NotFound);
}
