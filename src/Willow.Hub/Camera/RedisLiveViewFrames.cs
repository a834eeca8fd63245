using StackExchange.Redis;
using Willow.Hub.Storage.Redis;

namespace Willow.Hub.Camera;

/// <summary>
/// Frames over Redis pub/sub, for several hub nodes: a frame whose view is on this node is handed over at
/// once; any other is published, and the node holding the view takes it. Pub/sub keeps nothing, which suits
/// a live picture: a frame lost is replaced by the next.
/// </summary>
public sealed class RedisLiveViewFrames(RedisStorage redis, LiveViews views) : ILiveViewFrames, IHostedService
{
    private static readonly byte[] End = [];

    private RedisChannel Pattern => RedisChannel.Pattern($"{redis.Prefix}:live-view:*");

    public async Task PublishAsync(Guid streamId, byte[] frame)
    {
        if (!views.Deliver(streamId, frame))
        {
            await redis.Connection.GetSubscriber().PublishAsync(Channel(streamId), frame);
        }
    }

    public async Task EndAsync(Guid streamId)
    {
        views.Complete(streamId);
        await redis.Connection.GetSubscriber().PublishAsync(Channel(streamId), End);
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        redis.Connection.GetSubscriber().SubscribeAsync(Pattern, (channel, message) =>
        {
            var name = channel.ToString();
            if (Guid.TryParse(name[(name.LastIndexOf(':') + 1)..], out var streamId))
            {
                byte[] frame = message!;
                if (frame.Length == 0)
                {
                    views.Complete(streamId);
                }
                else
                {
                    views.Deliver(streamId, frame);
                }
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => redis.Connection.GetSubscriber().UnsubscribeAsync(Pattern);

    private RedisChannel Channel(Guid streamId) => RedisChannel.Literal($"{redis.Prefix}:live-view:{streamId:N}");
}
