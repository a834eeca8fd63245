using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace Willow.Testing;

/// <summary>
/// What Home Assistant would see: an MQTT client that subscribes to topics and keeps every message it receives
/// (with its retain flag), and publishes as Home Assistant does (a press is never retained).
/// </summary>
public sealed class MqttWatcher : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<Received> _messages = new();

    private MqttWatcher()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _messages.Enqueue(new Received(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString() ?? "", e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<Received> Messages => [.. _messages];

    /// <summary>The newest payload of each topic (an empty payload clears a retained message).</summary>
    public IReadOnlyDictionary<string, Received> Latest => Messages.GroupBy(m => m.Topic).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    public static async Task<MqttWatcher> ConnectAsync(string brokerUrl, params string[] filters)
    {
        var uri = new Uri(brokerUrl);
        var watcher = new MqttWatcher();
        await watcher._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(uri.Host, uri.Port)
            .WithClientId($"test-watcher-{Guid.NewGuid():N}")
            .WithCleanSession(true)
            .Build());
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe = subscribe.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        if (filters.Length > 0)
        {
            await watcher._client.SubscribeAsync(subscribe.Build());
        }

        return watcher;
    }

    public async Task PublishAsync(string topic, string payload, bool retain = false) =>
        await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build());

    public Task<Received> WaitForAsync(Func<Received, bool> match, string what, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(() => Task.FromResult(Messages.LastOrDefault(match)), m => m is not null, what, timeout)!;

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    public sealed record Received(string Topic, string Payload, bool Retained);
}
