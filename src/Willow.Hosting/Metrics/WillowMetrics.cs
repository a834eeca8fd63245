using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Willow.Hosting.Metrics;

/// <summary>
/// <c>/metrics</c> on every role, in Prometheus's text format: the role's own meter (commands by state, doses,
/// latencies, connections…) beside what the framework measures (requests, Kestrel connections, the runtime's GC,
/// memory and threads). Unauthenticated like <c>/health</c>: counts, no household's data. Keep it off the public
/// internet (the reverse proxy in <c>deploy/</c> does not route it) and scrape it on the private network.
/// </summary>
public static class WillowMetrics
{
    public const string Path = "/metrics";

    /// <summary>The runtime's own meter: GC, memory, threads, CPU.</summary>
    public const string RuntimeMeter = "System.Runtime";

    /// <summary>What ASP.NET Core and HttpClient measure by themselves: requests, connections, SignalR.</summary>
    public static readonly IReadOnlyList<string> ServerMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "System.Net.Http",
    ];

    /// <summary>Whether this process serves <c>/metrics</c> (<c>Metrics:Enabled</c>, on unless turned off).</summary>
    public static bool Enabled(IConfiguration configuration) => configuration.GetValue("Metrics:Enabled", true);

    /// <summary>
    /// Serves the role's meter and the runtime's, and <paramref name="frameworkMeters"/> (e.g. <see cref="ServerMeters"/>
    /// for a hub): each instrument keeps its aggregates in memory, which an agent on a 512 MB board counts.
    /// <paramref name="seriesPerInstrument"/> caps the label combinations each instrument keeps (beyond it they are
    /// counted under <c>otel_metric_overflow</c>): OpenTelemetry sets aside room for 2,000 per instrument up front,
    /// about 6 MB over the runtime's and an agent's instruments, where an agent has a few dozen.
    /// </summary>
    public static WebApplicationBuilder AddWillowMetrics(
        this WebApplicationBuilder builder, string roleMeter, IReadOnlyList<string>? frameworkMeters = null, int? seriesPerInstrument = null)
    {
        if (!Enabled(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter([roleMeter, RuntimeMeter, .. frameworkMeters ?? []]).AddPrometheusExporter();
            if (seriesPerInstrument is { } limit)
            {
                // A view with no aggregation of its own keeps each instrument's (and a histogram's advised buckets).
                metrics.AddView(_ => new MetricStreamConfiguration { CardinalityLimit = limit });
            }
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapWillowMetrics(this WebApplication app)
    {
        if (Enabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous();
        }

        return app;
    }
}
