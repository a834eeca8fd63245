using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Willow.Core.Protocol;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>The sensors' part of the agent's LAN API: readings after a cursor, with a long-poll. Signed like the rest of <c>/api</c>.</summary>
public static class ReadingEndpoints
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 1000;
    public const int MaxWaitSeconds = 30;

    public static RouteGroupBuilder MapReadings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/").WithTags("Sensors");
        group.MapGet(AgentRoutes.Readings, GetReadingsAsync)
            .WithName("GetReadings")
            .WithSummary("Readings after the cursor, oldest first; with wait, holds the request until one arrives (long-poll).");
        return group;
    }

    /// <summary>
    /// Readings with a sequence above <paramref name="after"/>, at most <paramref name="limit"/>, and the cursor to
    /// ask from next. If there are none and <paramref name="wait"/> is given, waits up to that many seconds for
    /// one, so motion reaches the gateway the moment it is stored.
    /// </summary>
    public static async Task<Results<Ok<ReadingPage>, ValidationProblem>> GetReadingsAsync(
        long? after,
        int? limit,
        int? wait,
        SensorStore store,
        IOptions<AgentOptions> agent,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (after < 0)
        {
            errors["after"] = ["after must be 0 or a sequence number this agent gave."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (wait is < 0 or > MaxWaitSeconds)
        {
            errors["wait"] = [$"wait must be between 0 and {MaxWaitSeconds} seconds."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var deviceId = agent.Value.DeviceId;
        var cursor = after ?? 0;
        var last = store.LastSequence();
        if (cursor > last)
        {
            // A cursor from before this board's readings were reset (a new SD card): start again from what is here.
            return TypedResults.Ok(new ReadingPage(deviceId, [], last));
        }

        var appended = store.NextAppend;
        var readings = store.After(cursor, limit ?? DefaultLimit);
        if (readings.Count == 0 && wait is > 0)
        {
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            try
            {
                await appended.WaitAsync(TimeSpan.FromSeconds(wait.Value), time, ending.Token);
                readings = store.After(cursor, limit ?? DefaultLimit);
            }
            catch (TimeoutException)
            {
                // Nothing new: an empty page, and the gateway asks again.
            }
            catch (OperationCanceledException) when (ending.IsCancellationRequested)
            {
                // The gateway hung up, or the agent is stopping.
            }
        }

        return TypedResults.Ok(new ReadingPage(deviceId, readings, readings.Count > 0 ? readings[^1].Sequence : cursor));
    }
}
