using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core.Links;
using Willow.Gateway.Discovery;
using Willow.Gateway.HubLink;
using Willow.Gateway.Journal;
using Willow.Gateway.Relay;

namespace Willow.Gateway.Photos;

/// <summary>
/// Carries each photo a camera took from the agent to the hub: fetch it from the agent (signed) onto the
/// gateway's disk, then send it to the hub, then forget it. Each step is recorded, so a restart goes on
/// where it stopped; a photo that cannot move waits with back-off, apart from the reports of commands and
/// doses, which never wait for a photo.
/// </summary>
public sealed class PhotoForwarder : BackgroundService
{
    private readonly GatewayJournal _journal;
    private readonly IAgentDirectory _directory;
    private readonly AgentClient _agents;
    private readonly HubUploads _hub;
    private readonly HubSession _session;
    private readonly PhotoForwarderOptions _options;
    private readonly string _folder;
    private readonly TimeProvider _time;
    private readonly ILogger<PhotoForwarder> _logger;
    private TaskCompletionSource _wake = NewSignal();
    private readonly Telemetry.GatewayMetrics? _metrics;

    public PhotoForwarder(
        GatewayJournal journal,
        IAgentDirectory directory,
        AgentClient agents,
        HubUploads hub,
        HubSession session,
        IOptions<PhotoForwarderOptions> options,
        IOptions<GatewayOptions> gateway,
        TimeProvider time,
        ILogger<PhotoForwarder> logger,
        Telemetry.GatewayMetrics? metrics = null)
    {
        _metrics = metrics;
        _journal = journal;
        _directory = directory;
        _agents = agents;
        _hub = hub;
        _session = session;
        _options = options.Value;
        _folder = _options.Directory ?? Path.Combine(gateway.Value.DataDirectory, "photos");
        _time = time;
        _logger = logger;
        journal.PhotoQueued += Wake;
    }

    public void Wake() => Interlocked.Exchange(ref _wake, NewSignal()).TrySetResult();

    /// <summary>Moves every photo that is due one step on (or all the way); returns how many reached the hub.</summary>
    public async Task<int> ForwardDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var photo in _journal.DuePhotos(_time.GetUtcNow(), 20))
        {
            delivered += await ForwardAsync(photo, cancellationToken) ? 1 : 0;
        }

        return delivered;
    }

    public override void Dispose()
    {
        _journal.PhotoQueued -= Wake;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(_folder);
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = Volatile.Read(ref _wake).Task;
            try
            {
                await ForwardDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var sleep = TimeSpan.FromSeconds(30);
            if (_journal.NextPhotoAttemptAt() is { } next && next - _time.GetUtcNow() < sleep)
            {
                sleep = next - _time.GetUtcNow();
            }

            try
            {
                await Task.WhenAny(woken, Task.Delay(sleep < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : sleep, _time, stoppingToken));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> ForwardAsync(PhotoUpload photo, CancellationToken cancellationToken)
    {
        var file = Path.Combine(_folder, $"{photo.CommandId:N}.jpg");
        if (_time.GetUtcNow() - photo.TakenAt > _options.GiveUpAfter)
        {
            Drop(photo, file, $"it could not reach the hub within {_options.GiveUpAfter.TotalDays:0.#} days");
            return false;
        }

        if (!photo.Fetched)
        {
            if (_directory.Find(photo.DeviceId) is not { } agent)
            {
                Postpone(photo, $"{photo.DeviceId} is not among the home's agents now");
                return false;
            }

            byte[]? jpeg;
            try
            {
                jpeg = await _agents.GetPhotoAsync(agent, photo.CommandId, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Postpone(photo, ex.Message);
                return false;
            }

            if (jpeg is null)
            {
                Drop(photo, file, $"{photo.DeviceId} no longer has it");
                return false;
            }

            await WriteDurablyAsync(file, jpeg, cancellationToken);
            _journal.MarkPhotoFetched(photo.CommandId);
            photo = photo with { Fetched = true, Attempts = 0 };
        }

        if (!_session.IsConnected)
        {
            // The link will come back; no need to count this against the photo.
            return false;
        }

        if (!File.Exists(file))
        {
            Drop(photo, file, "its file is gone from the gateway's disk");
            return false;
        }

        var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        var result = await _hub.PutPhotoAsync(photo, bytes, cancellationToken);
        if (result.Ok)
        {
            _journal.RemovePhoto(photo.CommandId);
            File.Delete(file);
            PhotoLog.Delivered(_logger, photo.CommandId, photo.DeviceId, bytes.Length);
            _metrics?.PhotoDelivered();
            return true;
        }

        if (result.Permanent)
        {
            Drop(photo, file, result.Problem ?? "the hub refused it");
        }
        else
        {
            Postpone(photo, result.Problem ?? "the hub did not take it");
        }

        return false;
    }

    private void Postpone(PhotoUpload photo, string reason)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10));
        var delay = TimeSpan.Zero;
        for (var i = 0; i <= photo.Attempts; i++)
        {
            delay = backoff.Next();
        }

        _journal.PostponePhoto(photo.CommandId, _time.GetUtcNow() + delay, reason);
        PhotoLog.Postponed(_logger, photo.CommandId, photo.DeviceId, photo.Attempts + 1, delay, reason);
    }

    private void Drop(PhotoUpload photo, string file, string reason)
    {
        _journal.RemovePhoto(photo.CommandId);
        File.Delete(file);
        PhotoLog.Dropped(_logger, photo.CommandId, photo.DeviceId, reason);
    }

    /// <summary>Written beside, flushed, then renamed: a power cut leaves the whole photo or none.</summary>
    private static async Task WriteDurablyAsync(string file, byte[] jpeg, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".part";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(jpeg, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, file, overwrite: true);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
