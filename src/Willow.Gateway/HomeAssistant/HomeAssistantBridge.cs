using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Gateway.Discovery;
using Willow.Gateway.Doses;
using Willow.Gateway.Enrollment;
using Willow.Gateway.Journal;
using Willow.Gateway.Relay;
using Willow.HomeAssistant;

namespace Willow.Gateway.HomeAssistant;

/// <summary>
/// The gateway in Home Assistant (when <c>Mqtt:Broker</c> is set). A press becomes a command the gateway issues
/// itself, like a scheduled dose: recorded as delivered and queued for the hub as issued at home ("Home Assistant via
/// gateway …", which the hub's audit log records), then refused or relayed by the same relay, with the gateway's and
/// the agent's lockouts. Its outcome goes back to the button's outcome topic.
/// </summary>
public sealed class HomeAssistantBridge : BackgroundService, IHomeSource
{
    /// <summary>Who issued a command pressed in Home Assistant; also how its outcome is found again.</summary>
    public const string IssuedByPrefix = "Home Assistant via gateway ";

    private readonly GatewayHomeView _view;
    private readonly GatewayJournal _journal;
    private readonly CommandRelay _relay;
    private readonly PresenceMonitor _presence;
    private readonly RegimenBook _book;
    private readonly MqttOptions _options;
    private readonly GatewayOptions _gateway;
    private readonly TimeProvider _time;
    private readonly ILogger<HomeAssistantBridge> _logger;
    private readonly TaskCompletionSource<Guid> _household = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HomeAssistantLink? _link;

    public HomeAssistantBridge(
        GatewayHomeView view,
        GatewayJournal journal,
        CommandRelay relay,
        PresenceMonitor presence,
        RegimenBook book,
        IOptions<MqttOptions> options,
        IOptions<GatewayOptions> gateway,
        TimeProvider time,
        ILogger<HomeAssistantBridge> logger)
    {
        _view = view;
        _journal = journal;
        _relay = relay;
        _presence = presence;
        _book = book;
        _options = options.Value;
        _gateway = gateway.Value;
        _time = time;
        _logger = logger;
        var credentials = LoadCredentials();
        GatewayId = credentials?.GatewayId ?? "gateway";
        if ((credentials?.HouseholdId ?? book.HouseholdId) is { } household)
        {
            _household.TrySetResult(household);
        }

        Bridge = new HomeBridge("", "", "", null);
    }

    public HomeBridge Bridge { get; private set; }

    public string GatewayId { get; }

    /// <summary>The link while it runs (tests watch it).</summary>
    public HomeAssistantLink? Link => _link;

    public Task<IReadOnlyList<HomeView>> ViewsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HomeView>>(_household.Task.IsCompletedSuccessfully ? [_view.Build(_household.Task.Result, _time.GetUtcNow())] : []);

    public Task<PressOutcome?> PressAsync(Guid householdId, HomeDevice device, string action, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (kind, args) = HomeActions.CommandFor(action, device)!.Value;
        var command = new CommandEnvelope(
            Guid.CreateVersion7(now), _household.Task.Result, device.DeviceId, kind, args, IssuedByPrefix + GatewayId, now, now + _options.PressExpiresAfter);
        _journal.RecordIssuedAtHome(command, now);
        HomeAssistantLog.Issued(_logger, command.Id, kind, device.DeviceId);
        _relay.EnqueueRecorded(command);
        return Task.FromResult<PressOutcome?>(null);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        _book.Changed += LearnHousehold;
        if (!_household.Task.IsCompleted)
        {
            HomeAssistantLog.WaitingForHousehold(_logger, _options.Broker);
        }

        Guid household;
        try
        {
            household = await _household.Task.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            _book.Changed -= LearnHousehold;
        }

        var key = HomeTopics.HouseholdKey(household);
        Bridge = new HomeBridge(
            _options.ClientId.Length > 0 ? _options.ClientId : $"willow_{key}_gateway_{GatewayId}",
            $"Willow gateway {GatewayId}",
            "Gateway",
            WillowVersion.Current);
        await using var link = new HomeAssistantLink(this, new HomeAssistantLog.Events(_logger), _options, _time);
        _link = link;
        void Wake() => link.Wake();
        void OnReadings(ReadingPage page)
        {
            _view.Take(page);
            link.Wake();
        }

        void OnFinished(Guid commandId, CommandState state) => _ = ReportOutcomeAsync(link, commandId, state, stoppingToken);
        _presence.Probed += Wake;
        _book.Changed += Wake;
        _journal.ReadingsRecorded += OnReadings;
        _relay.Finished += OnFinished;
        try
        {
            await link.RunAsync(stoppingToken);
        }
        finally
        {
            _presence.Probed -= Wake;
            _book.Changed -= Wake;
            _journal.ReadingsRecorded -= OnReadings;
            _relay.Finished -= OnFinished;
            _link = null;
        }
    }

    /// <summary>Tells Home Assistant how a command pressed there ended (and refreshes the states it changed).</summary>
    private async Task ReportOutcomeAsync(HomeAssistantLink link, Guid commandId, CommandState state, CancellationToken cancellationToken)
    {
        link.Wake();
        if (_journal.Find(commandId) is not { } command || !command.Envelope.IssuedBy.StartsWith(IssuedByPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var household = _household.Task.Result;
        var device = _view.Build(household, _time.GetUtcNow()).Find(command.Envelope.DeviceId);
        var action = command.Envelope.Kind switch
        {
            CommandKinds.Call => HomeActions.Call,
            _ => device?.Medication is null ? HomeActions.Treat : HomeActions.Feed,
        };
        try
        {
            await link.PublishOutcomeAsync(household, command.Envelope.DeviceId, action,
                new PressOutcome(state.ToWire(), command.Detail, commandId, command.FinishedAt ?? _time.GetUtcNow()), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the outcome is in the journal and at the hub.
        }
    }

    private void LearnHousehold()
    {
        if (_book.HouseholdId is { } household)
        {
            _household.TrySetResult(household);
        }
    }

    private GatewayCredentials? LoadCredentials()
    {
        try
        {
            return GatewayCredentials.Load(_gateway.DataDirectory);
        }
        catch (InvalidDataException)
        {
            // Reported by the gateway's own start-up checks.
            return null;
        }
    }
}
