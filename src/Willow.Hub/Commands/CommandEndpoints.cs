using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Hub.Access;
using Willow.Hub.Audit;
using Willow.Hub.Devices;
using Willow.Hub.Households;

namespace Willow.Hub.Commands;

/// <summary>
/// <c>/api/v1/households/{householdId}/devices/{deviceId}/commands</c>: issue a command, follow it, cancel
/// it while the home has not taken it. Also <c>…/commands</c> for the household's recent commands.
/// </summary>
public static class CommandEndpoints
{
    public static RouteGroupBuilder MapCommands(this RouteGroupBuilder household)
    {
        var device = household.MapGroup("/devices/{deviceId}/commands").WithTags("Commands");
        device.MapPost("/", IssueCommand).Requires(HouseholdRole.Caregiver).RequireRateLimiting(RateLimits.Commands)
            .WithName("IssueCommand")
            .WithSummary("Issues a command to a device. Answers 202 with the command; follow it with GetCommand.");
        device.MapGet("/", ListDeviceCommands).Requires(HouseholdRole.Viewer)
            .WithName("ListDeviceCommands")
            .WithSummary("The device's recent commands, newest first.");
        device.MapGet("/{commandId:guid}", GetDeviceCommand).Requires(HouseholdRole.Viewer)
            .WithName("GetCommand")
            .WithSummary("A command's state and the timeline of its events.");
        device.MapPost("/{commandId:guid}/cancel", CancelCommand).Requires(HouseholdRole.Caregiver)
            .WithName("CancelCommand")
            .WithSummary("Cancels a command the home has not taken yet.");

        var all = household.MapGroup("/commands").WithTags("Commands");
        all.MapGet("/", ListCommands).Requires(HouseholdRole.Viewer)
            .WithName("ListCommands")
            .WithSummary("The household's recent commands, newest first.");
        all.MapGet("/{commandId:guid}", GetCommand).Requires(HouseholdRole.Viewer)
            .WithName("GetHouseholdCommand")
            .WithSummary("A command by id alone.");
        return device;
    }

    public static async Task<Results<Accepted<CommandView>, ValidationProblem, ProblemHttpResult>> IssueCommand(
        Guid householdId,
        string deviceId,
        IssueCommandRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext context,
        CommandIssuer issuer,
        CancellationToken cancellationToken)
    {
        if (request.LockoutOverride is not null && context.Membership().Role != HouseholdRole.Owner)
        {
            return TypedResults.Problem(
                title: "Only an owner can override a lockout",
                detail: "The lockout keeps a pet from getting a second dose too soon. Ask an owner of the household, who will be named in the audit log with the reason.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var outcome = await issuer.IssueAsync(householdId, deviceId, request, idempotencyKey, context.User.CallerName(), context.User.Credential(), cancellationToken);
        switch (outcome.Kind)
        {
            case IssueOutcomeKind.Accepted:
            case IssueOutcomeKind.Replayed:
                if (outcome.Kind == IssueOutcomeKind.Replayed)
                {
                    context.Response.Headers["Idempotent-Replayed"] = "true";
                }

                var view = CommandView.From(outcome.Command!);
                return TypedResults.Accepted($"/api/v1/households/{householdId}/devices/{deviceId}/commands/{view.Id}", view);
            case IssueOutcomeKind.Invalid:
                return TypedResults.ValidationProblem(outcome.Errors!);
            case IssueOutcomeKind.DeviceNotFound:
                return DeviceProblems.NotFound(deviceId);
            case IssueOutcomeKind.DeviceCannot:
                return TypedResults.Problem(title: "The device cannot do that", detail: outcome.Problem, statusCode: StatusCodes.Status422UnprocessableEntity);
            case IssueOutcomeKind.KeyInProgress:
                return TypedResults.Problem(
                    title: "A request with this idempotency key is still being accepted",
                    detail: "Wait for the first request to finish, then retry with the same key to get its command.",
                    statusCode: StatusCodes.Status409Conflict);
            case IssueOutcomeKind.KeyMismatch:
                return TypedResults.Problem(
                    title: "Idempotency key reused with a different request",
                    detail: "This key already created a command with other contents. Use a new key for a new command.",
                    statusCode: StatusCodes.Status422UnprocessableEntity);
            default:
                throw new InvalidOperationException($"Unhandled issue outcome {outcome.Kind}.");
        }
    }

    public static async Task<Results<Ok<CommandView>, ProblemHttpResult>> GetDeviceCommand(
        Guid householdId, string deviceId, Guid commandId, ICommandStore commands, CancellationToken cancellationToken)
    {
        var record = await commands.GetAsync(householdId, commandId, cancellationToken);
        return record is null || record.Envelope.DeviceId != deviceId
            ? CommandNotFound(commandId)
            : TypedResults.Ok(CommandView.From(record));
    }

    public static async Task<Results<Ok<CommandView>, ProblemHttpResult>> GetCommand(
        Guid householdId, Guid commandId, ICommandStore commands, CancellationToken cancellationToken)
    {
        var record = await commands.GetAsync(householdId, commandId, cancellationToken);
        return record is null ? CommandNotFound(commandId) : TypedResults.Ok(CommandView.From(record));
    }

    public static async Task<Results<Ok<IReadOnlyList<CommandView>>, ValidationProblem>> ListDeviceCommands(
        Guid householdId, string deviceId, int? limit, ICommandStore commands, IOptions<CommandOptions> options, CancellationToken cancellationToken) =>
        await List(householdId, deviceId, limit, commands, options.Value, cancellationToken);

    public static async Task<Results<Ok<IReadOnlyList<CommandView>>, ValidationProblem>> ListCommands(
        Guid householdId, int? limit, ICommandStore commands, IOptions<CommandOptions> options, CancellationToken cancellationToken) =>
        await List(householdId, null, limit, commands, options.Value, cancellationToken);

    public static async Task<Results<Ok<CommandView>, ProblemHttpResult>> CancelCommand(
        Guid householdId,
        string deviceId,
        Guid commandId,
        HttpContext context,
        CommandProgress progress,
        ICommandStore commands,
        IDeviceStore devices,
        CommandDispatcher dispatcher,
        TimeProvider time,
        AuditTrail audit,
        ILogger<CommandIssuer> logger,
        CancellationToken cancellationToken)
    {
        var record = await commands.GetAsync(householdId, commandId, cancellationToken);
        if (record is null || record.Envelope.DeviceId != deviceId)
        {
            return CommandNotFound(commandId);
        }

        var caller = context.User.CallerName();
        var result = await progress.RecordAsync(
            householdId,
            new CommandStateReport(commandId, CommandState.Cancelled, time.GetUtcNow(), EventSource.Hub, $"Cancelled by {caller}."),
            cancellationToken);
        if (!result.Decision.Changes())
        {
            return TypedResults.Problem(
                title: "Too late to cancel",
                detail: $"The command is {result.Command!.State.ToWire()}: only a command the home has not taken yet (queued) can be cancelled.",
                statusCode: StatusCodes.Status409Conflict);
        }

        CommandLog.Cancelled(logger, commandId, caller);
        await audit.RecordAsync(context, householdId, AuditActions.CommandCancelled, deviceId, $"{record.Envelope.Kind} {commandId}");
        await dispatcher.CancelAsync(record.Envelope, await devices.GetAsync(householdId, deviceId, cancellationToken));
        return TypedResults.Ok(CommandView.From(result.Command!));
    }

    private static async Task<Results<Ok<IReadOnlyList<CommandView>>, ValidationProblem>> List(
        Guid householdId, string? deviceId, int? limit, ICommandStore commands, CommandOptions options, CancellationToken cancellationToken)
    {
        if (limit is < 1 || limit > options.MaxListLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["limit"] = [$"limit must be from 1 to {options.MaxListLimit}."],
            });
        }

        var records = await commands.ListRecentAsync(householdId, deviceId, limit ?? 50, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CommandView>>([.. records.Select(CommandView.From)]);
    }

    private static ProblemHttpResult CommandNotFound(Guid commandId) => TypedResults.Problem(
        title: "Command not found",
        detail: $"No command {commandId} in this household.",
        statusCode: StatusCodes.Status404NotFound);
}
