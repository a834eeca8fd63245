namespace Willow.Hub.Camera;

/// <summary>
/// Carries a camera's frames from the node holding its gateway's connection to the node holding the
/// person's view: the same node on SQLite; any node over Redis pub/sub with several nodes.
/// </summary>
public interface ILiveViewFrames
{
    Task PublishAsync(Guid streamId, byte[] frame);

    /// <summary>The gateway's stream ended.</summary>
    Task EndAsync(Guid streamId);
}

/// <summary>One hub node: frames go straight to the view.</summary>
public sealed class LocalLiveViewFrames(LiveViews views) : ILiveViewFrames
{
    public Task PublishAsync(Guid streamId, byte[] frame)
    {
        views.Deliver(streamId, frame);
        return Task.CompletedTask;
    }

    public Task EndAsync(Guid streamId)
    {
        views.Complete(streamId);
        return Task.CompletedTask;
    }
}
