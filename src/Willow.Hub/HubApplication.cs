using Scalar.AspNetCore;
using Willow.Core.Protocol;
using Willow.Hosting;
using Willow.Hosting.Metrics;
using Willow.Hub.Access;
using Willow.Hub.Alerts;
using Willow.Hub.Accounts;
using Willow.Hub.Audit;
using Willow.Hub.Camera;
using Willow.Hub.Commands;
using Willow.Hub.Dashboard;
using Willow.Hub.Devices;
using Willow.Hub.DirectMode;
using Willow.Hub.Gateways;
using Willow.Hub.Doses;
using Willow.Hub.HomeAssistant;
using Willow.Hub.Households;
using Willow.Hub.Pets;
using Willow.Hub.Photos;
using Willow.Hub.Live;
using Willow.Hub.Nodes;
using Willow.Hub.Readings;
using Willow.Hub.Regimens;
using Willow.Hub.Sounds;
using Willow.Hub.Storage;

namespace Willow.Hub;

/// <summary>Composes the hub: add the features, then map them. Nothing else belongs here.</summary>
public static class HubApplication
{
    public static WebApplication Build(RoleSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WillowHost.CreateBuilder(settings);
        builder.Services.TryAddTimeProvider();
        builder.Services.AddWireTypes(HubJsonContext.Default);
        builder.Services.AddValidation();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<Documentation.ApiDocumentTransformer>());
        builder.AddHubStorage();
        builder.AddDataProtectionKeys();
        builder.AddAccess();
        builder.AddCommands();
        builder.AddRegimens();
        builder.AddReadings();
        builder.AddPhotos();
        builder.AddLiveView();
        builder.AddHomeAssistant();
        builder.AddAlerts();
        builder.Services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.Section);
        builder.Services.AddSingleton<DirectCommandSignal>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<GatewayConnections>();
        builder.Services.AddSingleton<GatewayCalls>();
        builder.Services.AddSingleton<Telemetry.HubMetrics>();
        builder.AddWillowMetrics(Telemetry.HubMetrics.MeterName, WillowMetrics.ServerMeters);
        builder.AddHubNodes();
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        builder.Services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, WillowJsonContext.Default);
            o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(1, HubJsonContext.Default);
        })
        .AddHubOptions<GatewayHub>(o =>
        {
            // A gateway sends pages of readings and camera frames (a JPEG in base64 is ~60 KB): SignalR's 32 KB
            // default is for browsers. Gateways are enrolled, so the larger limit is not open to strangers.
            o.MaximumReceiveMessageSize = 2 * 1024 * 1024;
        })
        .AddHubNodesBackplane(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseWillowErrors();
        app.UseMiddleware<SecurityHeaders>();
        app.UseDashboardFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<HouseholdScope>();
        app.UseRateLimiter();
        app.UseMiddleware<CookieWriteProtection>();

        app.MapWillowHealth();
        app.MapWillowMetrics();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs", o =>
        {
            // A home server may have no internet: no telemetry, no AI chat, no vendor toolbar.
            o.Title = "Willow API";
            o.Telemetry = false;
            o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            o.Agent = new ScalarAgentOptions { Disabled = true };
        }).AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        api.MapAccount();
        api.MapHouseholds();
        api.MapInvitationAcceptance();
        api.MapGatewayEnrollment();
        api.MapDirectMode();

        // What a gateway sends over HTTP rather than its WebSocket (large bodies).
        var gateway = api.MapGroup("/gateway").RequireAuthorization(AccessPolicies.Gateway);
        gateway.MapPhotoUploads();

        // Everything of one home: HouseholdScope answers 404 to non-members and 403 to too small a role.
        var household = api.MapGroup("/households/{householdId:guid}").RequireAuthorization(AccessPolicies.Person);
        household.MapHouseholdSettings();
        household.MapMembers();
        household.MapAudit();
        household.MapDevices();
        household.MapCommands();
        household.MapGateways();
        household.MapPets();
        household.MapRegimens();
        household.MapDoses();
        household.MapReadings();
        household.MapPhotos();
        household.MapSounds();
        household.MapLiveView();
        household.MapAlerts();
        household.MapAlertChannels();

        app.MapHub<GatewayHub>(GatewayHubMethods.Path);
        app.MapHub<LiveHub>(LiveHub.Path);
        app.MapDashboard();
        return app;
    }
}
