using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core.Links;
using Willow.Core.Protocol;
using Willow.Gateway.Camera;
using Willow.Gateway.Clock;
using Willow.Gateway.Discovery;
using Willow.Gateway.Doses;
using Willow.Gateway.Relay;
using Willow.Gateway.Sounds;

namespace Willow.Gateway.HubLink;

/// <summary>
/// Keeps the outbound WebSocket to the hub up: connects, and after any drop reconnects with back-off,
/// forever. On every (re)connect it reports the home's devices, flushes the outbox, and syncs the open
/// commands it may have missed while away, and asks for them again every <see cref="GatewayOptions.SyncInterval"/>
/// while connected, in case a push was lost on the way. Commands pushed by the hub go straight to the relay.
/// </summary>
public sealed class HubLink(
    IOptions<GatewayOptions> options,
    HubSession session,
    CommandRelay relay,
    PresenceMonitor presence,
    OutboxSender outbox,
    RegimenBook regimens,
    ClockGuard clock,
    SoundInstaller sounds,
    LiveViewRelay liveViews,
    TimeProvider time,
    ILogger<HubLink> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hubUrl = new Uri(new Uri(options.Value.HubUrl.TrimEnd('/') + "/"), GatewayHubMethods.Path.TrimStart('/'));
        var backoff = Backoff.Default();
        while (!stoppingToken.IsCancellationRequested)
        {
            await using var connection = Build(hubUrl);
            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.Closed += error =>
            {
                closed.TrySetResult(error);
                return Task.CompletedTask;
            };

            try
            {
                await connection.StartAsync(stoppingToken);
                session.Attach(connection, time.GetUtcNow());
                HubLinkLog.Connected(logger, hubUrl);
                await OnConnectedAsync(stoppingToken);
                backoff.Reset();
                var error = await SyncUntilClosedAsync(closed.Task, stoppingToken);
                session.Detach(time.GetUtcNow(), error?.Message ?? "closed by the hub");
                HubLinkLog.Lost(logger, error?.Message ?? "closed by the hub");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (HttpRequestException ex) when (ex.StatusCode is System.Net.HttpStatusCode.Unauthorized)
            {
                // Not a network problem: retrying will not help until a person acts, so say what to do.
                session.Detach(time.GetUtcNow(), "the hub refused this gateway's token");
                HubLinkLog.TokenRefused(logger, hubUrl);
            }
            catch (Exception ex)
            {
                session.Detach(time.GetUtcNow(), ex.Message);
                HubLinkLog.ConnectFailed(logger, hubUrl, ex.Message);
            }

            var delay = backoff.Next();
            HubLinkLog.Retrying(logger, delay);
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        session.Detach(time.GetUtcNow(), "the gateway is stopping");
    }

    private HubConnection Build(Uri hubUrl)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(options.Value.Token);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, WillowJsonContext.Default))
            .Build();
        connection.On<CommandEnvelope>(nameof(IGatewayClient.CommandIssued), command => relay.Enqueue(command));
        connection.On<Guid>(nameof(IGatewayClient.CommandCancelled), relay.Cancel);
        connection.On<RegimenSet>(nameof(IGatewayClient.RegimensChanged), regimens.Replace);
        connection.On<SoundUpload, SoundChange>(nameof(IGatewayClient.InstallSound), upload => sounds.InstallAsync(upload, CancellationToken.None));
        connection.On<string, string, SoundChange>(nameof(IGatewayClient.RemoveSound), (device, name) => sounds.RemoveAsync(device, name, CancellationToken.None));
        connection.On<CameraStreamRequest, string?>(nameof(IGatewayClient.StartCameraStream), request => liveViews.Start(request));
        connection.On<Guid>(nameof(IGatewayClient.StopCameraStream), liveViews.Stop);
        return connection;
    }

    private async Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        await presence.ReportAsync(cancellationToken);
        await outbox.FlushAsync(cancellationToken);
        HubLinkLog.Synced(logger, (await SyncCommandsAsync(cancellationToken)).Open);

        regimens.Replace(await session.InvokeAsync<RegimenSet>(GatewayHubMethods.SyncRegimens, cancellationToken));
        HubLinkLog.RegimensSynced(logger, regimens.Plans.Count);

        // A gateway booted without a battery clock can confirm its time against the hub's right away.
        await clock.CheckAsync(cancellationToken);
    }

    /// <summary>Waits for the connection to close, asking for the open commands every <see cref="GatewayOptions.SyncInterval"/> meanwhile.</summary>
    private async Task<Exception?> SyncUntilClosedAsync(Task<Exception?> closed, CancellationToken stoppingToken)
    {
        while (true)
        {
            var pause = Task.Delay(TimeSpan.FromTicks(Math.Max(options.Value.SyncInterval.Ticks, TimeSpan.TicksPerSecond)), time, stoppingToken);
            if (await Task.WhenAny(closed, pause) == closed)
            {
                return await closed;
            }

            await pause;
            try
            {
                if ((await SyncCommandsAsync(stoppingToken)).New is > 0 and var missed)
                {
                    HubLinkLog.PickedUp(logger, missed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The connection is closing, or the hub is busy: the next round or the next connect asks again.
                HubLinkLog.SyncFailed(logger, ex.Message);
            }
        }
    }

    /// <summary>Hands the hub's open commands to the relay (which drops those it has seen); says how many it had not.</summary>
    private async Task<(int Open, int New)> SyncCommandsAsync(CancellationToken cancellationToken)
    {
        var open = await session.InvokeAsync<IReadOnlyList<CommandEnvelope>>(GatewayHubMethods.SyncCommands, cancellationToken);
        var unseen = 0;
        foreach (var command in open)
        {
            unseen += relay.Knows(command.Id) ? 0 : 1;
            relay.Enqueue(command, fromSync: true);
        }

        return (open.Count, unseen);
    }
}
