using Willow.Core;

namespace Willow.HomeAssistant;

/// <summary>
/// Willow in Home Assistant, for either role: keeps the broker link, publishes the discovery messages and states of
/// every household the role speaks for, sends them all again after every reconnect and whenever Home Assistant
/// announces <c>online</c>, removes the entities of devices that are gone, and hands button presses to the role.
/// </summary>
public sealed class HomeAssistantLink : IBrokerListener, IAsyncDisposable
{
    private readonly IHomeSource _source;
    private readonly IHomeAssistantEvents _events;
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly HomeTopics _topics;
    private readonly BrokerAddress _address;
    private readonly HomePublisher _publisher;
    private readonly BrokerLink _broker;
    private TaskCompletionSource _wake = NewSignal();

    public HomeAssistantLink(IHomeSource source, IHomeAssistantEvents events, MqttOptions options, TimeProvider time)
    {
        _source = source;
        _events = events;
        _options = options;
        _time = time;
        _topics = new HomeTopics(options);
        _address = BrokerAddress.TryParse(options.Broker, out var address)
            ? address
            : throw new ArgumentException($"Mqtt:Broker '{options.Broker}' is not a broker address.", nameof(options));
        var catalog = new HomeCatalog(_topics, source.Bridge, options.ReadingsExpireAfter, WillowVersion.Current);
        _broker = new BrokerLink(
            _address, options, source.Bridge.Id, catalog.BridgeAvailability,
            [_topics.HomeAssistantStatus, _topics.AllConfigs, _topics.AllPresses], this, time);
        _publisher = new HomePublisher(_broker, _topics, catalog);
    }

    public bool IsConnected => _broker.IsConnected;

    public HomeTopics Topics => _topics;

    /// <summary>Something changed that Home Assistant should see now (a dose, a presence round, a regimen).</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, NewSignal()).TrySetResult();

    /// <summary>Runs the broker link and refreshes the states on every change and every <see cref="MqttOptions.RefreshInterval"/>.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var link = Task.Run(() => _broker.RunAsync(stopping), CancellationToken.None);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var woken = Volatile.Read(ref _wake).Task;
                await Task.WhenAny(woken, Task.Delay(_options.RefreshInterval, _time, stopping));
                if (stopping.IsCancellationRequested)
                {
                    break;
                }

                if (_broker.IsConnected)
                {
                    await RefreshAsync(full: false, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await link;
        }
    }

    public Task<bool> PublishOutcomeAsync(Guid householdId, string deviceId, string action, PressOutcome outcome, CancellationToken cancellationToken) =>
        _publisher.PublishOutcomeAsync(householdId, deviceId, action, outcome, cancellationToken);

    async Task IBrokerListener.OnConnectedAsync(CancellationToken cancellationToken)
    {
        var entities = await RefreshAsync(full: true, cancellationToken);
        _events.Connected(_address.ToString(), entities);
    }

    async Task IBrokerListener.OnMessageAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        if (message.Topic == _topics.HomeAssistantStatus)
        {
            // Home Assistant (re)started and may have lost what it knew: tell it everything again.
            if (message.Payload == HomeStates.HomeAssistantOnline)
            {
                _events.HomeAssistantStarted();
                await RefreshAsync(full: true, cancellationToken);
            }

            return;
        }

        if (message.Topic.StartsWith(_topics.DiscoveryPrefix + "/", StringComparison.Ordinal))
        {
            _publisher.NoteConfig(message.Topic, message.Payload);
            return;
        }

        if (!_topics.TryParsePress(message.Topic, out var householdId, out var deviceId, out var action))
        {
            return;
        }

        try
        {
            await PressAsync(message, householdId, deviceId, action, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store or the hub failed under the press: say so to the person who pressed, and keep listening.
            _events.PressFailed(deviceId, action, ex);
            await PublishOutcomeAsync(householdId, deviceId, action,
                new PressOutcome("failed", $"Willow could not issue the {action} ({ex.Message}); nothing was sent to the device. Try again.", null, _time.GetUtcNow()),
                cancellationToken);
        }
    }

    void IBrokerListener.OnMessageFailed(BrokerMessage message, Exception exception) => _events.MessageFailed(message.Topic, exception);

    void IBrokerListener.OnConnectFailed(string reason, TimeSpan retryIn) => _events.ConnectFailed(_address.ToString(), reason, retryIn);

    void IBrokerListener.OnDisconnected(string reason)
    {
        _publisher.Forget();
        _events.Disconnected(_address.ToString(), reason);
    }

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        _publisher.Dispose();
    }

    private async Task PressAsync(BrokerMessage message, Guid householdId, string deviceId, string action, CancellationToken cancellationToken)
    {
        if (message.Retained)
        {
            // A retained press would feed again on every reconnect: never act on one, and take it off the broker.
            if (message.Payload.Length > 0)
            {
                _events.PressIgnored(message.Topic, "it was retained on the broker (a stored press is not a person pressing now); cleared it");
                await _broker.PublishAsync(message.Topic, "", retain: true, cancellationToken);
            }

            return;
        }

        if (message.Payload != HomeStates.Press)
        {
            _events.PressIgnored(message.Topic, $"its payload is not {HomeStates.Press}");
            return;
        }

        var views = await _source.ViewsAsync(cancellationToken);
        var household = views.FirstOrDefault(v => v.HouseholdId == householdId);
        if (household is null)
        {
            // Another bridge's household on a shared broker (a second home, or the hub beside a gateway): its own
            // bridge answers; a "rejected" from this one would contradict it.
            return;
        }

        var device = household.Find(deviceId);
        if (device is null || HomeActions.CommandFor(action, device) is null)
        {
            _events.PressIgnored(message.Topic, "no such button on a device this bridge speaks for");
            await PublishOutcomeAsync(householdId, deviceId, action,
                new PressOutcome("rejected", $"'{deviceId}' has no {action} button here (any more).", null, _time.GetUtcNow()), cancellationToken);
            return;
        }

        _events.Pressed(deviceId, action);
        if (await _source.PressAsync(householdId, device, action, cancellationToken) is { } answer)
        {
            await PublishOutcomeAsync(householdId, deviceId, action, answer, cancellationToken);
        }
    }

    private async Task<int> RefreshAsync(bool full, CancellationToken cancellationToken)
    {
        try
        {
            var views = await _source.ViewsAsync(cancellationToken);
            var (entities, removed) = await _publisher.PublishAsync(views, full, _time.GetUtcNow(), cancellationToken);
            foreach (var topic in removed)
            {
                _events.Removed(topic);
            }

            return entities;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _events.RefreshFailed(ex);
            return 0;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
