using Microsoft.Extensions.Options;
using Willow.Core;
using Willow.Core.Commands;
using Willow.HomeAssistant;
using Willow.Hub.Commands;
using Willow.Hub.Nodes;
using Willow.Hub.Regimens;

namespace Willow.Hub.HomeAssistant;

/// <summary>
/// The hub in Home Assistant (when <c>Mqtt:Broker</c> is set): its households' devices as the hub sees them, for a
/// home whose gateway should not talk to a broker, or devices in direct mode. A press is issued through
/// <see cref="CommandIssuer"/> like a press on the dashboard (audited as "Home Assistant via the hub", sent to the
/// gateway, refused there or at the agent inside the lockout), and its outcome goes back to the button's outcome
/// topic. With several hub nodes, one at a time publishes (a job lease).
/// </summary>
public sealed class HubHomeAssistant(
    HubHomeView view,
    IRegimenStore regimens,
    CommandIssuer issuer,
    ICommandStore commands,
    IJobLease lease,
    IOptions<MqttOptions> options,
    TimeProvider time,
    ILogger<HubHomeAssistant> logger) : BackgroundService, IHomeSource
{
    public const string IssuedBy = "Home Assistant via the hub";
    public const string Via = "mqtt";
    private const string Job = "home-assistant";

    private HomeAssistantLink? _link;

    public HomeBridge Bridge { get; } = new(
        options.Value.ClientId.Length > 0 ? options.Value.ClientId : "willow_hub", "Willow hub", "Hub", WillowVersion.Current);

    public async Task<IReadOnlyList<HomeView>> ViewsAsync(CancellationToken cancellationToken)
    {
        var households = options.Value.Households.Count > 0 ? options.Value.Households : await regimens.HouseholdsWithRegimensAsync(cancellationToken);
        var now = time.GetUtcNow();
        var views = new List<HomeView>();
        foreach (var household in households)
        {
            views.Add(await view.BuildAsync(household, now, cancellationToken));
        }

        return views;
    }

    public async Task<PressOutcome?> PressAsync(Guid householdId, HomeDevice device, string action, CancellationToken cancellationToken)
    {
        // The household comes from the press's topic: device ids are only unique within one.
        var (kind, args) = HomeActions.CommandFor(action, device)!.Value;
        var request = new IssueCommandRequest { Kind = kind, Args = args, TtlSeconds = (int)Math.Ceiling(options.Value.PressExpiresAfter.TotalSeconds) };
        var outcome = await issuer.IssueAsync(householdId, device.DeviceId, request, null, IssuedBy, Via, cancellationToken);
        if (outcome.Kind != IssueOutcomeKind.Accepted || outcome.Command is not { } record)
        {
            var why = outcome.Problem ?? string.Join(" ", outcome.Errors?.Values.SelectMany(v => v) ?? []);
            return new PressOutcome("rejected", why.Length > 0 ? why : outcome.Kind.ToString(), null, time.GetUtcNow());
        }

        _ = FollowAsync(householdId, device.DeviceId, action, record.Envelope, cancellationToken);
        return null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var hold = settings.RefreshInterval * 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Several hub nodes: one publishes, the others stand by to take over.
                if (!await lease.TryHoldAsync(Job, hold, stoppingToken))
                {
                    await Task.Delay(settings.RefreshInterval, time, stoppingToken);
                    continue;
                }

                HomeAssistantLog.Leading(logger, settings.Broker);
                using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await using var link = new HomeAssistantLink(this, new HomeAssistantLog.Events(logger), settings, time);
                _link = link;
                var running = link.RunAsync(leading.Token);
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(settings.RefreshInterval, time, stoppingToken));
                    if (!running.IsCompleted && !await lease.TryHoldAsync(Job, hold, stoppingToken))
                    {
                        await leading.CancelAsync();
                    }
                }

                await running;
                _link = null;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Waits for the command's outcome (the home reports it) and tells Home Assistant.</summary>
    private async Task FollowAsync(Guid householdId, string deviceId, string action, Core.Protocol.CommandEnvelope command, CancellationToken cancellationToken)
    {
        try
        {
            // The home has until the expiry to start it, and a dispense takes a few seconds more.
            var giveUpAt = command.ExpiresAt + TimeSpan.FromMinutes(1);
            while (time.GetUtcNow() < giveUpAt)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
                if (await commands.GetAsync(householdId, command.Id, cancellationToken) is { } record && record.State.IsFinal())
                {
                    if (_link is { } link)
                    {
                        await link.PublishOutcomeAsync(householdId, deviceId, action,
                            new PressOutcome(record.State.ToWire(), record.Events[^1].Detail, command.Id, record.UpdatedAt), cancellationToken);
                        link.Wake();
                    }

                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the command's record keeps its outcome.
        }
    }
}
