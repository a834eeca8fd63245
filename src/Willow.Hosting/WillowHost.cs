using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Willow.Core.Protocol;

namespace Willow.Hosting;

/// <summary>What every Willow process shares: configuration layering, logs, problem details, health.</summary>
public static class WillowHost
{
    /// <summary>Environment variables with this prefix configure Willow: <c>WILLOW__Dispenser__MinimumInterval=06:00:00</c>.</summary>
    public const string EnvironmentPrefix = "WILLOW__";

    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder CreateBuilder(RoleSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            // appsettings.json is read from beside the executable, never from wherever it was started.
            ContentRootPath = AppContext.BaseDirectory,
        });

        if (settings.Defaults is { Count: > 0 } defaults)
        {
            // Added first so that everything else overrides them (the slim builder's own sources included).
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        }

        if (settings.ConfigFile is { } file)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        if (settings.Settings is { Count: > 0 } values)
        {
            builder.Configuration.AddInMemoryCollection(values);
        }

        // One line per event; Logging:Console:FormatterName=json (WILLOW__Logging__Console__FormatterName) switches to
        // JSON lines. The slim builder registers the simple console formatter and fixes its name after the Logging
        // section is read, so the setting is applied again last.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddConsole();
        var configuration = builder.Configuration;
        builder.Services.PostConfigure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o =>
            o.FormatterName = configuration["Logging:Console:FormatterName"] is { Length: > 0 } name ? name : o.FormatterName);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = false;
        });

        // Request-by-request framework logs drown the events that matter; Willow logs those itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = BadRequestProblems.AddDetail);
        builder.Services.AddExceptionHandler<BadRequestProblems>();

        // Binding failures throw, so that BadRequestProblems can say what was wrong instead of a bare 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, WillowJsonContext.Default));
        builder.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("Running."), tags: [LiveTag]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // Willow's requests are small; a large body is a mistake or an attack.
            k.Limits.MaxRequestBodySize = BadRequestProblems.MaxBodyBytes;
        });
        return builder;
    }

    /// <summary>
    /// The configuration a role would see, for the CLI's tasks beside a role (<c>willow users add</c> finds the
    /// hub's database, <c>willow gateway enroll</c> the gateway's data directory) without starting it.
    /// </summary>
    public static IConfiguration ReadConfiguration(RoleSettings settings)
    {
        var configuration = new ConfigurationBuilder();
        if (settings.Defaults is { Count: > 0 } defaults)
        {
            configuration.AddInMemoryCollection(defaults);
        }

        if (settings.ConfigFile is { } file)
        {
            configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        if (settings.Settings is { Count: > 0 } values)
        {
            configuration.AddInMemoryCollection(values);
        }

        return configuration.Build();
    }

    /// <summary>Adds the resolver for a role's own wire types in front of the shared protocol resolver.</summary>
    public static IServiceCollection AddWireTypes(this IServiceCollection services, IJsonTypeInfoResolver resolver) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, resolver));

    /// <summary>Problem details for every error answer, including those no endpoint produced (404, 405, bad JSON).</summary>
    public static WebApplication UseWillowErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary><c>/health/live</c>: the process runs. <c>/health/ready</c>: it can do its work now.</summary>
    public static IEndpointRouteBuilder MapWillowHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapHealthChecks("/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(LiveTag), ResponseWriter = HealthResponse.WriteAsync });
        health.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) || c.Tags.Contains(LiveTag), ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }

    /// <summary>The addresses the server actually listens on (useful with port 0).</summary>
    public static IReadOnlyList<string> ListeningUrls(this WebApplication app) =>
        app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
