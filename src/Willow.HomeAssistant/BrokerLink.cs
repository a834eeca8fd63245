using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using Willow.Core.Links;

namespace Willow.HomeAssistant;

/// <summary>
/// Keeps one MQTT connection up for as long as it runs (MQTTnet 5 has no managed client): connects with a retained
/// <c>offline</c> last will on the availability topic, subscribes, says <c>online</c> (retained), lets its owner
/// publish everything, and when the connection drops does it all again after a back-off (doubling from
/// <see cref="MqttOptions.ReconnectInitialDelay"/> to <see cref="MqttOptions.ReconnectMaximumDelay"/>, ±20 %). A
/// clean session each time: presses sent while Willow was away are not queued for it, since a press is only worth
/// acting on when it is made.
/// </summary>
public sealed class BrokerLink : IAsyncDisposable
{
    /// <summary>A broker that has not accepted the connection in this long is tried again later.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly BrokerAddress _address;
    private readonly MqttOptions _options;
    private readonly string _clientId;
    private readonly string _availabilityTopic;
    private readonly IReadOnlyList<string> _subscriptions;
    private readonly IBrokerListener _listener;
    private readonly TimeProvider _time;
    private readonly IMqttClient _client;
    private readonly Channel<BrokerMessage> _inbox = Channel.CreateUnbounded<BrokerMessage>(new UnboundedChannelOptions { SingleReader = true });
    private TaskCompletionSource<string> _lost = NewLoss();

    public BrokerLink(
        BrokerAddress address,
        MqttOptions options,
        string clientId,
        string availabilityTopic,
        IReadOnlyList<string> subscriptions,
        IBrokerListener listener,
        TimeProvider time)
    {
        _address = address;
        _options = options;
        _clientId = clientId;
        _availabilityTopic = availabilityTopic;
        _subscriptions = subscriptions;
        _listener = listener;
        _time = time;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                Volatile.Read(ref _lost).TrySetResult(e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString());
            }

            return Task.CompletedTask;
        };
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var message = e.ApplicationMessage;
            // Handled on our own loop: publishing with QoS 1 from inside this handler would wait for an
            // acknowledgement the blocked receive loop cannot read.
            _inbox.Writer.TryWrite(new BrokerMessage(message.Topic, message.ConvertPayloadToString() ?? "", message.Retain));
            return Task.CompletedTask;
        };
    }

    public bool IsConnected => _client.IsConnected;

    public string AvailabilityTopic => _availabilityTopic;

    /// <summary>Connects, and reconnects after every loss, until <paramref name="stopping"/>; then says <c>offline</c> and leaves cleanly.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var reading = Task.Run(() => ReadInboxAsync(stopping), CancellationToken.None);
        var backoff = new Backoff(_options.ReconnectInitialDelay, _options.ReconnectMaximumDelay);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var lost = NewLoss();
                Volatile.Write(ref _lost, lost);
                TimeSpan delay;
                try
                {
                    await ConnectAsync(stopping);
                    backoff.Reset();
                    var reason = await lost.Task.WaitAsync(stopping);
                    delay = backoff.Next();
                    _listener.OnDisconnected(reason);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    delay = backoff.Next();
                    _listener.OnConnectFailed(Describe(ex), delay);
                    await DropAsync();
                }

                try
                {
                    await Task.Delay(delay, _time, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            await LeaveAsync();
            _inbox.Writer.TryComplete();
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Publishes with QoS 1; false (nothing sent) while the broker is out of reach.</summary>
    public async Task<bool> PublishAsync(string topic, string payload, bool retain, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        try
        {
            var result = await _client.PublishAsync(message, cancellationToken);
            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        _client.Dispose();
    }

    private async Task ConnectAsync(CancellationToken stopping)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_address.Host, _address.Port)
            .WithClientId(_clientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(ConnectTimeout)
            .WithWillTopic(_availabilityTopic)
            .WithWillPayload(Encoding.UTF8.GetBytes(HomeStates.Offline))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        var user = _options.Username.Length > 0 ? _options.Username : _address.Username;
        if (user is { Length: > 0 })
        {
            builder = builder.WithCredentials(user, _options.Password.Length > 0 ? _options.Password : _address.Password);
        }

        if (_address.UseTls)
        {
            builder = builder.WithTlsOptions(tls => tls.UseTls());
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(ConnectTimeout);
        var connected = await _client.ConnectAsync(builder.Build(), timeout.Token);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"The broker refused the connection: {connected.ResultCode} {connected.ReasonString}".TrimEnd());
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in _subscriptions)
        {
            // Retain as published: a press someone publishes retained is seen as retained even live, and never acted on.
            subscribe = subscribe.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainAsPublished(true));
        }

        await _client.SubscribeAsync(subscribe.Build(), stopping);
        if (!await PublishAsync(_availabilityTopic, HomeStates.Online, retain: true, stopping))
        {
            throw new InvalidOperationException("The connection dropped before Willow could say it is online.");
        }

        await _listener.OnConnectedAsync(stopping);
    }

    private async Task ReadInboxAsync(CancellationToken stopping)
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await _listener.OnMessageAsync(message, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The listener reports its own failures; one message it could not handle must not stop every later
                // press and status from being read.
                _listener.OnMessageFailed(message, ex);
            }
        }
    }

    /// <summary>Stopping on purpose sends no last will, so say <c>offline</c> first.</summary>
    private async Task LeaveAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await PublishAsync(_availabilityTopic, HomeStates.Offline, retain: true, timeout.Token);
        await DropAsync();
    }

    private async Task DropAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token);
            }
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            // Already gone: nothing to leave.
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => $"no answer within {ConnectTimeout.TotalSeconds:0} s",
        _ when ex.InnerException is { } inner && ex.Message.Length < 40 => $"{ex.Message} ({inner.Message})",
        _ => ex.Message,
    };

    private static TaskCompletionSource<string> NewLoss() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
