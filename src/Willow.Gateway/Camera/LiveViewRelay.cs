using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Willow.Core.Commands;
using Willow.Core.Media;
using Willow.Core.Protocol;
using Willow.Gateway.Discovery;
using Willow.Gateway.HubLink;

namespace Willow.Gateway.Camera;

/// <summary>
/// Relays a camera's live view to the hub: reads the agent's MJPEG stream (signed), splits it into JPEG frames
/// and streams them up the gateway's own WebSocket, until the hub says stop, the time given runs out, or the
/// link drops. Only the newest frame waits to be sent, so a slow uplink lowers the frame rate, not the freshness.
/// </summary>
public sealed class LiveViewRelay(
    IAgentDirectory directory,
    PresenceMonitor presence,
    IHttpClientFactory http,
    HubSession session,
    TimeProvider time,
    ILogger<LiveViewRelay> logger) : IDisposable
{
    /// <summary>A signed client with no overall timeout: a live view lasts minutes.</summary>
    public const string HttpClientName = "willow-agent-streams";

    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    /// <summary>Starts relaying; null when it started, or why it cannot.</summary>
    public string? Start(CameraStreamRequest request)
    {
        if (directory.Find(request.DeviceId) is not { } agent ||
            !presence.Devices.Any(d => d.DeviceId == request.DeviceId && d.Capabilities.Contains(Capability.Camera, StringComparer.Ordinal)))
        {
            return $"This gateway has no camera '{request.DeviceId}'.";
        }

        var stop = new CancellationTokenSource(request.MaxDuration, time);
        if (!_running.TryAdd(request.StreamId, stop))
        {
            stop.Dispose();
            return null;
        }

        _ = RelayAsync(agent, request, stop.Token);
        return null;
    }

    public void Stop(Guid streamId)
    {
        if (_running.TryRemove(streamId, out var stop))
        {
            stop.Cancel();
            stop.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var streamId in _running.Keys)
        {
            Stop(streamId);
        }
    }

    private async Task RelayAsync(AgentEndpoint agent, CameraStreamRequest request, CancellationToken stopping)
    {
        var frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var sent = 0;
        try
        {
            var upload = session.SendAsync(GatewayHubMethods.UploadCameraFrames, stopping, request.StreamId, ReadAll(frames.Reader, () => sent++, stopping));
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(new Uri(agent.BaseAddress, AgentRoutes.CameraStream), HttpCompletionOption.ResponseHeadersRead, stopping);
            response.EnsureSuccessStatusCode();
            LiveViewLog.Started(logger, request.DeviceId, request.StreamId);
            await using var body = await response.Content.ReadAsStreamAsync(stopping);
            var splitter = new JpegFrameSplitter();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, stopping)) > 0)
            {
                foreach (var frame in splitter.Push(buffer.AsSpan(0, read)))
                {
                    frames.Writer.TryWrite(frame);
                }
            }

            frames.Writer.TryComplete();
            await upload;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or InvalidOperationException)
        {
            if (!stopping.IsCancellationRequested)
            {
                LiveViewLog.Failed(logger, request.DeviceId, request.StreamId, ex.Message);
            }
        }
        finally
        {
            frames.Writer.TryComplete();
            LiveViewLog.Ended(logger, request.DeviceId, request.StreamId, sent);
            Stop(request.StreamId);
        }
    }

    private static async IAsyncEnumerable<byte[]> ReadAll(ChannelReader<byte[]> frames, Action counted, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var frame in frames.ReadAllAsync(cancellationToken))
        {
            counted();
            yield return frame;
        }
    }
}
