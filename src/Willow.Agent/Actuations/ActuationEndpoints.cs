using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Willow.Agent.Capabilities.Dispenser;
using Willow.Agent.Capabilities.Sensors;
using Willow.Agent.Capabilities.Speaker;
using Willow.Agent.Journal;
using Willow.Core;
using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Agent.Actuations;

/// <summary>The agent's LAN API, called by the gateway with signed requests.</summary>
public static class ActuationEndpoints
{
    public static RouteGroupBuilder MapActuations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Actuations");
        group.MapPost("/actuations", Actuate)
            .WithName("Actuate")
            .WithSummary("Carries out a command at most once; a repeated command id answers from the journal.");
        group.MapGet("/actuations/{commandId:guid}", GetActuation)
            .WithName("GetActuation")
            .WithSummary("The recorded outcome of a command.");
        group.MapGet("/info", GetInfo)
            .WithName("GetAgentInfo")
            .WithSummary("Who this agent is and what it can do.");
        return group;
    }

    public static async Task<Results<Ok<ActuationOutcome>, ValidationProblem, ProblemHttpResult>> Actuate(
        ActuationRequest request, ActuationRunner runner, IOptions<AgentOptions> agent, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.CommandId == Guid.Empty)
        {
            errors["commandId"] = ["commandId is required."];
        }

        if (string.IsNullOrEmpty(request.Kind) || !CommandKinds.IsKnown(request.Kind))
        {
            errors["kind"] = [$"kind must be one of: {string.Join(", ", CommandKinds.All)}."];
        }
        else
        {
            foreach (var (key, value) in CommandArgs.Validate(request.Kind, request.Args))
            {
                errors[key] = value;
            }
        }

        if (request.MinimumInterval is { } interval && (interval < TimeSpan.Zero || interval > TimeSpan.FromDays(7)))
        {
            errors["minimumInterval"] = ["minimumInterval must be between 0 and 7 days."];
        }

        if (request.LockoutOverride is { } lockoutOverride && string.IsNullOrWhiteSpace(lockoutOverride.Reason))
        {
            errors["lockoutOverride.reason"] = ["A lockout override needs a reason."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!runner.CanPerform(request.Kind))
        {
            return TypedResults.Problem(
                title: "This agent cannot do that",
                detail: $"Agent '{agent.Value.DeviceId}' hosts {string.Join(", ", runner.Capabilities)}; it cannot '{request.Kind}'.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        return TypedResults.Ok(await runner.RunAsync(request, cancellationToken));
    }

    public static Results<Ok<ActuationOutcome>, ProblemHttpResult> GetActuation(Guid commandId, ActuationJournal journal) =>
        journal.Find(commandId) is { } entry
            ? TypedResults.Ok(entry.ToOutcome(replayed: true))
            : TypedResults.Problem(
                title: "Unknown command",
                detail: $"This agent has no record of command {commandId}.",
                statusCode: StatusCodes.Status404NotFound);

    public static Ok<AgentInfo> GetInfo(
        ActuationRunner runner,
        IOptions<AgentOptions> agent,
        IOptions<DispenserOptions> dispenser,
        IOptions<SensorsOptions> sensors,
        [FromServices] Carousel? carousel,
        [FromServices] SoundLibrary? sounds)
    {
        var options = agent.Value;
        var hasDispenser = runner.Capabilities.Contains(Capability.Dispenser);
        return TypedResults.Ok(new AgentInfo(
            options.DeviceId,
            options.Name ?? options.DeviceId,
            [.. runner.Capabilities.Order(StringComparer.Ordinal)],
            WillowVersion.Current,
            hasDispenser ? dispenser.Value.MinimumInterval : null,
            Sounds: sounds?.Names(),
            Metrics: runner.Capabilities.Contains(Capability.Sensors) ? sensors.Value.MeasuredMetrics() : null,
            CarouselSlotsLeft: carousel?.SlotsLeft));
    }
}
