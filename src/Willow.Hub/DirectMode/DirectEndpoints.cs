using Microsoft.AspNetCore.Http.HttpResults;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Hub.Access;
using Willow.Hub.Commands;
using Willow.Hub.Devices;

namespace Willow.Hub.DirectMode;

/// <summary>
/// <c>/api/v1/device</c>: direct mode, the original system's topology. A device with no gateway announces
/// itself, long-polls for its next command, and posts what happened. Same command semantics as through a
/// gateway: the device's own journal makes actuation at-most-once.
/// </summary>
public static class DirectEndpoints
{
    public const int MaxWaitSeconds = 60;

    public static RouteGroupBuilder MapDirectMode(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/device").WithTags("Direct mode").RequireAuthorization(AccessPolicies.Device);
        group.MapPut("/", Announce)
            .WithName("AnnounceDirectDevice")
            .WithSummary("A direct-mode device says who it is and what it can do.");
        group.MapGet("/commands/next", NextCommand)
            .WithName("NextDirectCommand")
            .WithSummary("The device's next command (it becomes delivered), waiting up to 'wait' seconds; 204 when there is none.");
        group.MapPost("/commands/{commandId:guid}/events", ReportEvent)
            .WithName("ReportDirectCommandEvent")
            .WithSummary("The device reports a state change of one of its commands.");
        return group;
    }

    public static async Task<Results<NoContent, ValidationProblem>> Announce(
        DirectDeviceHello hello, HttpContext context, IDeviceStore devices, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(hello.Name) || hello.Name.Length > 100)
        {
            errors["name"] = ["name must be 1 to 100 characters."];
        }

        if (hello.Capabilities is null || hello.Capabilities.Count == 0 || !hello.Capabilities.All(Capability.IsKnown))
        {
            errors["capabilities"] = [$"capabilities must list one or more of: {string.Join(", ", Capability.All)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (householdId, deviceId) = Identify(context);
        await devices.UpsertDirectAsync(householdId, deviceId, hello, time.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<CommandEnvelope>, NoContent, ValidationProblem, ProblemHttpResult>> NextCommand(
        int? wait,
        HttpContext context,
        ICommandStore commands,
        IDeviceStore devices,
        DirectCommandSignal signal,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        if (wait is < 0 or > MaxWaitSeconds)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["wait"] = [$"wait must be from 0 to {MaxWaitSeconds} seconds."],
            });
        }

        var (householdId, deviceId) = Identify(context);
        if (await devices.GetAsync(householdId, deviceId, cancellationToken) is null)
        {
            return TypedResults.Problem(
                title: "Device not announced",
                detail: "PUT /api/v1/device with the device's name and capabilities before asking for commands.",
                statusCode: StatusCodes.Status409Conflict);
        }

        // A hub shutting down answers its long-polls at once instead of holding them to the end.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var deadline = time.GetUtcNow().AddSeconds(wait ?? 0);
        while (true)
        {
            var woken = signal.Watch(householdId, deviceId);
            var now = time.GetUtcNow();
            await devices.TouchDirectAsync(householdId, deviceId, now, cancellationToken);
            var next = await commands.TakeNextForDirectDeviceAsync(householdId, deviceId, now, cancellationToken);
            if (next is not null)
            {
                return TypedResults.Ok(next.Envelope);
            }

            var remaining = deadline - now;
            if (remaining <= TimeSpan.Zero)
            {
                return TypedResults.NoContent();
            }

            try
            {
                await woken.WaitAsync(remaining, time, linked.Token);
            }
            catch (TimeoutException)
            {
                return TypedResults.NoContent();
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return TypedResults.NoContent();
            }
        }
    }

    public static async Task<Results<Ok<CommandView>, ValidationProblem, ProblemHttpResult>> ReportEvent(
        Guid commandId, DirectCommandEvent change, HttpContext context, ICommandStore commands, CommandProgress progress, TimeProvider time, CancellationToken cancellationToken)
    {
        if (change.State is CommandState.Queued or CommandState.Delivered)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["state"] = ["A device reports executing or a final state (succeeded, failed, refused, expired, uncertain)."],
            });
        }

        if (change.Detail is { Length: > 1000 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["detail"] = ["detail must be at most 1000 characters."] });
        }

        var (householdId, deviceId) = Identify(context);
        var record = await commands.GetAsync(householdId, commandId, cancellationToken);
        if (record is null || record.Envelope.DeviceId != deviceId)
        {
            return TypedResults.Problem(title: "Command not found", detail: $"No command {commandId} for this device.", statusCode: StatusCodes.Status404NotFound);
        }

        // The device's own clock may be wrong (no battery clock); the hub records when it heard.
        var report = new CommandStateReport(commandId, change.State, time.GetUtcNow(), EventSource.Device, change.Detail);
        var result = await progress.RecordAsync(householdId, report, cancellationToken);
        if (result.Decision == TransitionDecision.Conflict)
        {
            return TypedResults.Problem(
                title: "Contradicts the recorded outcome",
                detail: $"The command is already {result.Command!.State.ToWire()}.",
                statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Ok(CommandView.From(result.Command!));
    }

    private static (Guid HouseholdId, string DeviceId) Identify(HttpContext context) =>
        (context.User.SingleHousehold(), context.User.RequiredValue(WillowClaims.DeviceId));
}
