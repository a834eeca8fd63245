using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Agent.Actuations;
using Willow.Agent.Capabilities.Camera;
using Willow.Agent.Capabilities.Dispenser;
using Willow.Agent.Capabilities.Sensors;
using Willow.Agent.Capabilities.Speaker;
using Willow.Agent.Direct;
using Willow.Agent.Discovery;
using Willow.Agent.Journal;
using Willow.Agent.Security;
using Willow.Core.Commands;
using Willow.Core.Security;
using Willow.Agent.Telemetry;
using Willow.Hosting;
using Willow.Hosting.Consul;
using Willow.Hosting.Metrics;

namespace Willow.Agent;

/// <summary>Composes an agent: its capabilities, its journal, its LAN API and, optionally, direct mode.</summary>
public static class AgentApplication
{
    public static WebApplication Build(RoleSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WillowHost.CreateBuilder(settings);
        builder.Services.TryAddTimeProvider();

        builder.Services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.Section)
            .ValidateWith(new AgentOptionsValidator())
            .Validate(o => o.Capabilities.All(Capability.IsKnown),
                "Agent:Capabilities may list 'dispenser', 'speaker', 'camera' and 'sensors'.")
            .Validate(o => o.HomeKey is null || HomeKey.TryParse(o.HomeKey, out _), "Agent:HomeKey must be base64 of at least 32 bytes.")
            .ValidateOnStart();

        var capabilities = builder.Configuration.GetSection($"{AgentOptions.Section}:Capabilities").Get<string[]>() ?? [];
        if (capabilities.Contains(Capability.Dispenser))
        {
            builder.AddDispenser();
        }

        if (capabilities.Contains(Capability.Speaker))
        {
            builder.AddSpeaker();
        }

        if (capabilities.Contains(Capability.Camera))
        {
            builder.AddCamera();
        }

        if (capabilities.Contains(Capability.Sensors))
        {
            builder.AddSensors();
        }

        builder.Services.AddOptions<DispenserOptions>().BindConfiguration(DispenserOptions.Section).ValidateWith(new DispenserOptionsValidator()).ValidateOnStart();
        builder.Services.AddSingleton(sp =>
            new ActuationJournal(Path.Combine(sp.GetRequiredService<IOptions<AgentOptions>>().Value.DataDirectory, "journal.db")));
        builder.Services.AddSingleton<ActuationRunner>();
        builder.Services.AddSingleton<AgentMetrics>();
        // An agent's own series are a few dozen (kinds × states): room for 100 each rather than 2,000.
        builder.AddWillowMetrics(AgentMetrics.MeterName, seriesPerInstrument: 100);

        var direct = builder.Configuration.GetSection(DirectModeOptions.Section).Get<DirectModeOptions>() ?? new DirectModeOptions();
        builder.Services.AddOptions<DirectModeOptions>().BindConfiguration(DirectModeOptions.Section)
            .ValidateWith(new DirectModeOptionsValidator())
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.Token), "Direct mode needs Direct:Token, the device token the hub issued.")
            .Validate(o => o.LongPollWait > TimeSpan.Zero && o.LongPollWait <= TimeSpan.FromSeconds(60), "Direct:LongPollWait must be between 1 and 60 seconds.")
            .Validate(o => o.PollInterval >= TimeSpan.FromMilliseconds(100), "Direct:PollInterval must be at least 100 ms.")
            .ValidateOnStart();
        if (direct.Enabled)
        {
            builder.Services.AddHttpClient(DirectHubPoller.HttpClientName)
                .ConfigureHttpClient((sp, client) => DirectHubPoller.ConfigureClient(client, sp.GetRequiredService<IOptions<DirectModeOptions>>().Value));
            builder.Services.AddHostedService<DirectHubPoller>();
        }

        var discovery = builder.Configuration[DiscoveryProvider.Key] ?? DiscoveryProvider.Static;
        if (discovery is not (DiscoveryProvider.Static or DiscoveryProvider.Consul))
        {
            throw new OptionsValidationException(
                DiscoveryProvider.Key, typeof(ConsulOptions), [$"Discovery:Provider must be 'static' or 'consul', not '{discovery}'."]);
        }

        if (discovery == DiscoveryProvider.Consul)
        {
            builder.Services.AddConsulClient();
            builder.Services.AddSingleton<ConsulAgentRegistration>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ConsulAgentRegistration>());
        }

        var homeKey = builder.Configuration[$"{AgentOptions.Section}:HomeKey"];
        var serveLan = HomeKey.TryParse(homeKey, out var key);
        if (serveLan)
        {
            builder.Services.AddSingleton(new HomeKeyring(key));
            builder.Services.AddSingleton(sp => new NonceCache(sp.GetRequiredService<TimeProvider>(), RequestSignature.MaxSkew * 2));
        }

        configure?.Invoke(builder);
        var app = builder.Build();

        // Before the first request: intents without an outcome become uncertain, never re-run.
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Willow.Agent");
        var journal = app.Services.GetRequiredService<ActuationJournal>();
        var interrupted = journal.RecoverInterrupted(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        foreach (var entry in interrupted)
        {
            ActuationLog.MarkedUncertain(logger, entry.CommandId, entry.Kind);
        }

        ActuationLog.JournalOpened(logger, journal.Path, interrupted.Count);

        app.UseWillowErrors();
        if (serveLan)
        {
            app.UseMiddleware<SignedRequestMiddleware>();
            app.MapActuations();
            if (capabilities.Contains(Capability.Speaker))
            {
                app.MapSounds();
            }

            if (capabilities.Contains(Capability.Camera))
            {
                app.MapCamera();
            }

            if (capabilities.Contains(Capability.Sensors))
            {
                app.MapReadings();
            }
        }
        else if (!direct.Enabled)
        {
            throw new OptionsValidationException(
                AgentOptions.Section, typeof(AgentOptions),
                ["The agent has neither Agent:HomeKey (to take commands from a gateway) nor Direct:HubUrl (to poll the hub); it could never act."]);
        }

        app.MapWillowHealth();
        app.MapWillowMetrics();
        return app;
    }
}
