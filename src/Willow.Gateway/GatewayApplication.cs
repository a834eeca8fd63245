using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core.Security;
using Willow.Gateway.Camera;
using Willow.Gateway.Clock;
using Willow.Gateway.Discovery;
using Willow.Gateway.Doses;
using Willow.Gateway.Enrollment;
using Willow.Gateway.HomeAssistant;
using Willow.Gateway.Discovery.Consul;
using Willow.Gateway.Discovery.Static;
using Willow.Gateway.HubLink;
using Willow.Gateway.Journal;
using Willow.Gateway.Photos;
using Willow.Gateway.Readings;
using Willow.Gateway.Relay;
using Willow.Gateway.Sounds;
using Willow.Gateway.Telemetry;
using Willow.Hosting;
using Willow.Hosting.Consul;
using Willow.Hosting.Metrics;

namespace Willow.Gateway;

/// <summary>Composes a gateway: the hub link, the relay to the agents, discovery and the journal.</summary>
public static class GatewayApplication
{
    public static WebApplication Build(RoleSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WillowHost.CreateBuilder(settings);
        var services = builder.Services;
        services.TryAddTimeProvider();
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section)
            .PostConfigure(UseEnrollment)
            .ValidateWith(new GatewayOptionsValidator())
            .Validate(o => o.HubUrl.Length > 0 && o.Token.Length > 0,
                "This gateway has not enrolled with a hub. An owner adds it ('willow gateway add ID' prints a one-time code), then run here: willow gateway enroll --hub URL --code CODE")
            .Validate(o => o.HubUrl.Length == 0 || (Uri.TryCreate(o.HubUrl, UriKind.Absolute, out var hub) && hub.Scheme is "http" or "https"),
                "Gateway:HubUrl must be an http or https address, such as https://hub.example.org.")
            .Validate(o => HomeKey.TryParse(o.HomeKey, out _), "Gateway:HomeKey must be base64 of at least 32 bytes.")
            .Validate(o => o.PresenceInterval >= TimeSpan.FromSeconds(1), "Gateway:PresenceInterval must be at least one second.")
            .ValidateOnStart();
        services.AddOptions<LockoutOptions>().BindConfiguration(LockoutOptions.Section);
        services.AddOptions<StaticDiscoveryOptions>().BindConfiguration(StaticDiscoveryOptions.Section).ValidateWith(new StaticDiscoveryOptionsValidator()).ValidateOnStart();

        services.AddSingleton(sp =>
        {
            // Validated at start (above), so the key parses here.
            return HomeKey.TryParse(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.HomeKey, out var key)
                ? new HomeKeyring(key)
                : throw new OptionsValidationException(GatewayOptions.Section, typeof(GatewayOptions), ["Gateway:HomeKey is not valid."]);
        });
        services.AddTransient<SigningHandler>();
        services.AddHttpClient<AgentClient>(AgentClient.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.AgentRequestTimeout)
            .AddHttpMessageHandler<SigningHandler>();

        services.AddSingleton(sp => new GatewayJournal(Path.Combine(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.DataDirectory, "journal.db")));
        var consulDiscovery = builder.Configuration[DiscoveryProvider.Key] == DiscoveryProvider.Consul;
        if (consulDiscovery)
        {
            services.AddConsulClient();
            services.AddSingleton<ConsulAgentDirectory>();
            services.AddSingleton<IAgentDirectory>(sp => sp.GetRequiredService<ConsulAgentDirectory>());
            services.AddHostedService(sp => sp.GetRequiredService<ConsulAgentDirectory>());
        }
        else
        {
            services.AddSingleton<IAgentDirectory, StaticAgentDirectory>();
        }

        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section);
        services.AddOptions<DoseRunnerOptions>().BindConfiguration(DoseRunnerOptions.Section);
        services.AddSingleton<RegimenBook>();
        services.AddSingleton<DispenserLockouts>();
        services.AddSingleton<IClockSync, KernelClockSync>();
        services.AddSingleton<ClockGuard>();
        services.AddSingleton<DoseRunner>();
        services.AddSingleton<CommandRelay>();
        services.AddSingleton<HubSession>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<PresenceMonitor>();
        services.AddSingleton<GatewayMetrics>();
        builder.AddWillowMetrics(GatewayMetrics.MeterName, WillowMetrics.ServerMeters);
        services.AddOptions<ReadingCollectorOptions>().BindConfiguration(ReadingCollectorOptions.Section)
            .ValidateWith(new ReadingCollectorOptionsValidator())
            .Validate(o => o.LongPollWait >= TimeSpan.Zero && o.LongPollWait <= TimeSpan.FromSeconds(30), "Readings:LongPollWait must be between 0 and 30 seconds.")
            .ValidateOnStart();
        services.AddHostedService<ReadingCollector>();
        services.AddOptions<PhotoForwarderOptions>().BindConfiguration(PhotoForwarderOptions.Section);
        services.AddHttpClient<HubUploads>(HubUploads.HttpClientName)
            .ConfigureHttpClient((sp, client) => HubUploads.Configure(client, sp.GetRequiredService<IOptions<GatewayOptions>>().Value));
        services.AddSingleton<PhotoForwarder>();
        services.AddSingleton<SoundInstaller>();
        services.AddSingleton<LiveViewRelay>();
        services.AddHttpClient(LiveViewRelay.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<SigningHandler>();
        services.AddHostedService(sp => sp.GetRequiredService<PhotoForwarder>());
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddHostedService(sp => sp.GetRequiredService<PresenceMonitor>());
        services.AddHostedService<HubLink.HubLink>();
        services.AddHostedService(sp => sp.GetRequiredService<ClockGuard>());
        services.AddHostedService(sp => sp.GetRequiredService<DoseRunner>());
        services.AddHomeAssistant();
        services.AddHealthChecks()
            .AddCheck<HubLinkHealthCheck>("hub-link", tags: [WillowHost.ReadyTag])
            .AddCheck<ClockHealthCheck>("clock", tags: [WillowHost.ReadyTag]);
        if (consulDiscovery)
        {
            services.AddHealthChecks().AddCheck<ConsulDiscoveryHealthCheck>("discovery", tags: [WillowHost.ReadyTag]);
        }

        configure?.Invoke(builder);
        var app = builder.Build();

        // Before anything new arrives: pick up what the last run left half done.
        var resumed = app.Services.GetRequiredService<CommandRelay>().ResumeUnfinished();
        GatewayLog.Started(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Willow.Gateway"),
            app.Services.GetRequiredService<GatewayJournal>().Path, resumed);

        app.UseWillowErrors();
        app.MapWillowHealth();
        app.MapWillowMetrics();
        return app;
    }

    /// <summary>Hub and token from <c>willow gateway enroll</c>, unless configuration names them.</summary>
    private static void UseEnrollment(GatewayOptions options)
    {
        if (options.HubUrl.Length > 0 && options.Token.Length > 0)
        {
            return;
        }

        try
        {
            if (GatewayCredentials.Load(options.DataDirectory) is { } credentials)
            {
                options.HubUrl = options.HubUrl.Length > 0 ? options.HubUrl : credentials.HubUrl;
                options.Token = options.Token.Length > 0 ? options.Token : credentials.Token;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new OptionsValidationException(GatewayOptions.Section, typeof(GatewayOptions), [ex.Message]);
        }
    }
}
