using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Willow.Hub.Camera;

/// <summary>
/// The live views open on this hub node: each person's view of a camera waits here for the frames its
/// gateway streams. A view keeps only the newest frame: a slow phone skips frames, it never builds a queue.
/// </summary>
public sealed class LiveViews
{
    private readonly ConcurrentDictionary<Guid, Channel<byte[]>> _open = new();

    public ChannelReader<byte[]> Open(Guid streamId)
    {
        var frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _open[streamId] = frames;
        return frames.Reader;
    }

    /// <summary>Hands a frame to the view on this node; false if the view is not here (or closed).</summary>
    public bool Deliver(Guid streamId, byte[] frame) => _open.TryGetValue(streamId, out var frames) && frames.Writer.TryWrite(frame);

    /// <summary>The gateway finished the stream (the camera stopped, or the time ran out).</summary>
    public void Complete(Guid streamId)
    {
        if (_open.TryGetValue(streamId, out var frames))
        {
            frames.Writer.TryComplete();
        }
    }

    public void Close(Guid streamId)
    {
        if (_open.TryRemove(streamId, out var frames))
        {
            frames.Writer.TryComplete();
        }
    }
}
