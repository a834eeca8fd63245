using StackExchange.Redis;
using Willow.Hub.Storage.Redis;

namespace Willow.Hub.Nodes;

/// <summary>
/// Node signals over Redis pub/sub: published on one channel per deployment, and every node (the sender
/// too) handles what it receives. Pub/sub does not keep messages for a node that is disconnected at that
/// moment; each signal has a slower path that still arrives (a revoked token fails at the next reconnect,
/// a removed member's next Watch is refused, a long-poll ends at its timeout and looks again).
/// </summary>
public sealed partial class RedisNodeSignals(RedisStorage redis, NodeSignalHandler handler, ILogger<RedisNodeSignals> logger) : INodeSignals, IHostedService
{
    private RedisChannel Channel => RedisChannel.Literal($"{redis.Prefix}:node-signals");

    public async Task BroadcastAsync(NodeSignal signal)
    {
        try
        {
            await redis.Connection.GetSubscriber().PublishAsync(Channel, $"{signal.Kind}|{signal.HouseholdId}|{signal.Subject}");
        }
        catch (Exception ex) when (ex is RedisException)
        {
            // Redis is down: at least this node acts on it.
            LogPublishFailed(logger, signal.Kind, ex.Message);
            await handler.HandleAsync(signal);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        redis.Connection.GetSubscriber().SubscribeAsync(Channel, (channel, message) => { _ = ReceiveAsync(message); });

    public Task StopAsync(CancellationToken cancellationToken) => redis.Connection.GetSubscriber().UnsubscribeAsync(Channel);

    // Handled off the subscriber's thread; ReceiveAsync logs its own failures.
    private async Task ReceiveAsync(RedisValue message)
    {
        try
        {
            var parts = message.ToString().Split('|', 3);
            await handler.HandleAsync(new NodeSignal(Enum.Parse<NodeSignalKind>(parts[0]), Guid.Parse(parts[1]), parts[2]));
        }
        catch (Exception ex)
        {
            LogHandleFailed(logger, message.ToString(), ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other hub nodes about {Kind}: {Reason}; acted on it here only")]
    private static partial void LogPublishFailed(ILogger logger, NodeSignalKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A node signal could not be handled: {Signal}")]
    private static partial void LogHandleFailed(ILogger logger, string signal, Exception exception);
}
