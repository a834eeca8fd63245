namespace Willow.Agent.Capabilities.Camera;

/// <summary>
/// One person (or page) watching the live view. It is always given the newest frame it has not seen: a viewer
/// whose connection is slower than the camera skips frames instead of queueing them.
/// </summary>
public sealed class CameraViewer : IDisposable
{
    private readonly LiveView _view;
    private long _seen;
    private bool _left;

    internal CameraViewer(LiveView view)
    {
        _view = view;
    }

    /// <summary>The newest frame after the last one this viewer got, waiting for it if need be; null once the capture has ended.</summary>
    public async Task<CameraFrame?> NextFrameAsync(CancellationToken cancellationToken)
    {
        var frame = await _view.NextFrameAsync(_seen, cancellationToken);
        if (frame is not null)
        {
            _seen = frame.Number;
        }

        return frame;
    }

    /// <summary>Why the capture ended by itself (no device, device busy, ffmpeg missing), if it did.</summary>
    public string? EndReason => _view.LastFailure;

    public void Dispose()
    {
        if (!_left)
        {
            _left = true;
            _view.Leave();
        }
    }
}
