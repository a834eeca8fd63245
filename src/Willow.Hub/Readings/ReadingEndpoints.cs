using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Willow.Core.Readings;
using Willow.Hub.Access;
using Willow.Hub.Households;

namespace Willow.Hub.Readings;

/// <summary><c>/api/v1/households/{householdId}/readings</c>: what the home's sensors measured (temperature, humidity, bowl weight, motion).</summary>
public static class ReadingEndpoints
{
    public static RouteGroupBuilder MapReadings(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/readings").WithTags("Readings");
        group.MapGet("/", ListReadings).Requires(HouseholdRole.Viewer)
            .WithName("ListReadings")
            .WithSummary("Readings in [from, to) (default: the last 24 hours) in time order, optionally of one device and one metric; the latest 'limit' when there are more.");
        group.MapGet("/latest", LatestReadings).Requires(HouseholdRole.Viewer)
            .WithName("LatestReadings")
            .WithSummary("The newest reading of every device and metric.");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<ReadingView>>, ValidationProblem>> ListReadings(
        Guid householdId,
        string? device,
        string? metric,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? limit,
        IReadingStore readings,
        IOptions<ReadingOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var end = to ?? now;
        var start = from ?? end.AddDays(-1);
        var max = options.Value.MaxPerRequest;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (end <= start || end - start > options.Value.Retention)
        {
            errors["to"] = [$"to must be after from, and at most {options.Value.Retention.TotalDays:0} days later (readings are kept that long)."];
        }

        if (metric is not null && !Metrics.IsKnown(metric))
        {
            errors["metric"] = [$"metric must be one of: {string.Join(", ", Metrics.All)}."];
        }

        if (limit is < 1 || limit > max)
        {
            errors["limit"] = [$"limit must be from 1 to {max}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var list = await readings.ListAsync(householdId, new ReadingQuery(start, end, device, metric, limit ?? max), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ReadingView>>([.. list.Select(ReadingView.From)]);
    }

    public static async Task<Ok<IReadOnlyList<ReadingView>>> LatestReadings(Guid householdId, IReadingStore readings, CancellationToken cancellationToken)
    {
        var latest = await readings.LatestAsync(householdId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ReadingView>>([.. latest
            .OrderBy(r => r.DeviceId, StringComparer.Ordinal)
            .ThenBy(r => r.Metric, StringComparer.Ordinal)
            .Select(ReadingView.From)]);
    }
}
