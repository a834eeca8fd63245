using Microsoft.Extensions.Logging;

namespace Willow.Agent.Capabilities.Camera;

/// <summary>
/// The camera's live view: one ffmpeg capture whose frames every viewer shares. It starts with the first
/// viewer and stops <see cref="CameraOptions.StreamLinger"/> after the last one leaves. Only the newest
/// frame is kept: viewers wait for the next one, and none can make frames pile up. The capture holds the
/// device gate it shares with one-shot photos, so ffmpeg never finds the device busy with ourselves.
/// </summary>
public sealed class LiveView : IAsyncDisposable
{
    private readonly CameraOptions _options;
    private readonly SemaphoreSlim _device;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action _opened;
    private readonly Lock _gate = new();
    private TaskCompletionSource<CameraFrame?> _next = NewSignal();
    private CameraFrame? _latest;
    private long _frameNumber;
    private int _viewers;
    private Capture? _capture;
    private ITimer? _idleStop;
    private bool _disposed;

    internal LiveView(CameraOptions options, SemaphoreSlim device, TimeProvider time, ILogger logger, Action opened)
    {
        _options = options;
        _device = device;
        _time = time;
        _logger = logger;
        _opened = opened;
    }

    /// <summary>Whether a capture is running (or starting, or lingering after the last viewer).</summary>
    public bool IsCapturing
    {
        get
        {
            lock (_gate)
            {
                return _capture is not null;
            }
        }
    }

    /// <summary>Why the last capture ended by itself (no device, device busy, ffmpeg missing), or null.</summary>
    public string? LastFailure { get; private set; }

    public int Viewers
    {
        get
        {
            lock (_gate)
            {
                return _viewers;
            }
        }
    }

    public CameraViewer Join()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _viewers++;
            _idleStop?.Dispose();
            _idleStop = null;
            if (_capture is null)
            {
                StartCapture();
            }

            CameraLog.ViewerJoined(_logger, _viewers);
        }

        return new CameraViewer(this);
    }

    /// <summary>A frame taken after this call, if the capture is running; null if it is not or it ends first.</summary>
    public async Task<CameraFrame?> NextFreshFrameAsync(CancellationToken cancellationToken)
    {
        long after;
        lock (_gate)
        {
            if (_capture is null)
            {
                return null;
            }

            after = _frameNumber;
        }

        return await NextFrameAsync(after, cancellationToken);
    }

    internal async Task<CameraFrame?> NextFrameAsync(long after, CancellationToken cancellationToken)
    {
        Task<CameraFrame?> next;
        lock (_gate)
        {
            if (_latest is { } latest && latest.Number > after)
            {
                return latest;
            }

            if (_capture is null)
            {
                return null;
            }

            next = _next.Task;
        }

        return await next.WaitAsync(cancellationToken);
    }

    internal void Leave()
    {
        lock (_gate)
        {
            _viewers--;
            CameraLog.ViewerLeft(_logger, _viewers);
            if (_viewers == 0 && _capture is not null && !_disposed)
            {
                _idleStop?.Dispose();
                _idleStop = _time.CreateTimer(_ => StopIfIdle(), null, _options.StreamLinger, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? running;
        lock (_gate)
        {
            _disposed = true;
            _idleStop?.Dispose();
            _idleStop = null;
            running = _capture?.Run;
            _capture?.Stop.Cancel();
        }

        if (running is not null)
        {
            await running;
        }
    }

    private static TaskCompletionSource<CameraFrame?> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void StopIfIdle()
    {
        lock (_gate)
        {
            _idleStop?.Dispose();
            _idleStop = null;
            if (_viewers == 0 && _capture is { } capture)
            {
                CameraLog.CaptureStopping(_logger, _options.StreamLinger);
                capture.Stop.Cancel();
            }
        }
    }

    // Called under the gate.
    private void StartCapture()
    {
        _latest = null;
        LastFailure = null;
        var capture = new Capture();
        _capture = capture;
        capture.Run = Task.Run(() => RunAsync(capture));
    }

    private async Task RunAsync(Capture capture)
    {
        string? failure = null;
        try
        {
            await _device.WaitAsync(capture.Stop.Token);
            try
            {
                failure = await LiveCapture.RunAsync(_options, Publish, _opened, _logger, capture.Stop.Token);
            }
            finally
            {
                _device.Release();
            }
        }
        catch (OperationCanceledException) when (capture.Stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Whatever ended the capture (ffmpeg missing, a broken pipe), the viewers must hear of it and the
            // next viewer must be able to start a new one.
            failure = ex.Message;
        }

        if (failure is not null)
        {
            CameraLog.CaptureFailed(_logger, failure);
            LastFailure = failure;
        }

        TaskCompletionSource<CameraFrame?>? ended = null;
        lock (_gate)
        {
            _capture = null;
            capture.Stop.Dispose();
            if (failure is null && _viewers > 0 && !_disposed)
            {
                // Someone joined while the idle capture was stopping: start again for them.
                StartCapture();
            }
            else
            {
                ended = _next;
                _next = NewSignal();
            }
        }

        ended?.TrySetResult(null);
    }

    private void Publish(byte[] jpeg)
    {
        CameraFrame frame;
        TaskCompletionSource<CameraFrame?> waiting;
        lock (_gate)
        {
            frame = new CameraFrame(++_frameNumber, jpeg);
            _latest = frame;
            waiting = _next;
            _next = NewSignal();
        }

        waiting.TrySetResult(frame);
    }

    private sealed class Capture
    {
        public CancellationTokenSource Stop { get; } = new();

        public Task Run { get; set; } = Task.CompletedTask;
    }
}
