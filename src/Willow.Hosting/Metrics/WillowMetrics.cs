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

    /// <summary>What .NET measures by itself, by meter name.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "System.Runtime",
        "System.Net.Http",
    ];

    /// <summary>Whether this process serves <c>/metrics</c> (<c>Metrics:Enabled</c>, on unless turned off).</summary>
    public static bool Enabled(IConfiguration configuration) => configuration.GetValue("Metrics:Enabled", true);

    public static WebApplicationBuilder AddWillowMetrics(this WebApplicationBuilder builder, string roleMeter)
    {
        if (!Enabled(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter([roleMeter, .. FrameworkMeters])
            .AddPrometheusExporter());
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
