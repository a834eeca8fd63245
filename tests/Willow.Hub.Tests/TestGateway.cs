using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Testing;

namespace Willow.Hub.Tests;

/// <summary>The SignalR client settings every hub test connection uses: WebSockets, a bearer token, the wire types.</summary>
internal static class SignalRClients
{
    public static HubConnection Build(string url, string? token) => new HubConnectionBuilder()
        .WithUrl(url, o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.AccessTokenProvider = () => Task.FromResult(token);
        })
        .AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, WillowJsonContext.Default);
            o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(1, HubJsonContext.Default);
        })
        .Build();
}

/// <summary>A SignalR client that speaks the gateway protocol, so hub tests control every report.</summary>
internal sealed class TestGateway : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private TestGateway(HubConnection connection) => _connection = connection;

    public Channel<CommandEnvelope> Issued { get; } = Channel.CreateUnbounded<CommandEnvelope>();

    public Channel<Guid> Cancelled { get; } = Channel.CreateUnbounded<Guid>();

    /// <summary>Completes when the hub closes the connection (the client does not reconnect by itself).</summary>
    public Task Closed => _closed.Task;

    public HubConnectionState State => _connection.State;

    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<TestGateway> ConnectAsync(HubHost hub, string? token = null)
    {
        var connection = SignalRClients.Build(hub.Url + GatewayHubMethods.Path, token ?? hub.Identity.GatewayToken);
        var gateway = new TestGateway(connection);
        connection.On<CommandEnvelope>(nameof(IGatewayClient.CommandIssued), c => gateway.Issued.Writer.TryWrite(c));
        connection.On<Guid>(nameof(IGatewayClient.CommandCancelled), id => gateway.Cancelled.Writer.TryWrite(id));
        connection.On<RegimenSet>(nameof(IGatewayClient.RegimensChanged), set => gateway.Regimens.Writer.TryWrite(set));
        connection.Closed += _ =>
        {
            gateway._closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        return gateway;
    }

    public Task ReportDevicesAsync(params (string Id, string Capability, bool Online)[] devices) =>
        ReportDevicesAsync([.. devices.Select(d => new DeviceReport(d.Id, d.Id, [d.Capability], d.Online, DateTimeOffset.UtcNow, "test"))]);

    public Task ReportDevicesAsync(params DeviceReport[] devices) =>
        _connection.InvokeAsync(GatewayHubMethods.ReportDevices, new DevicePresenceReport(devices, DateTimeOffset.UtcNow));

    public Task<int> ReportAsync(Guid commandId, CommandState state, EventSource source = EventSource.Gateway, string? detail = null) =>
        _connection.InvokeAsync<int>(
            GatewayHubMethods.ReportCommandStates,
            (IReadOnlyList<CommandStateReport>)[new CommandStateReport(commandId, state, DateTimeOffset.UtcNow, source, detail)]);

    public Channel<RegimenSet> Regimens { get; } = Channel.CreateUnbounded<RegimenSet>();

    public Task<int> ReportDosesAsync(params DoseReport[] reports) =>
        _connection.InvokeAsync<int>(GatewayHubMethods.ReportDoses, (IReadOnlyList<DoseReport>)reports);

    public Task<int> ReportReadingsAsync(params DeviceReadings[] batches) =>
        _connection.InvokeAsync<int>(GatewayHubMethods.ReportReadings, (IReadOnlyList<DeviceReadings>)batches);

    public Task<RegimenSet> SyncRegimensAsync() => _connection.InvokeAsync<RegimenSet>(GatewayHubMethods.SyncRegimens);

    public async Task<RegimenSet> NextRegimensAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await Regimens.Reader.ReadAsync(cts.Token);
    }

    public Task<IReadOnlyList<CommandEnvelope>> SyncAsync() =>
        _connection.InvokeAsync<IReadOnlyList<CommandEnvelope>>(GatewayHubMethods.SyncCommands);

    public async Task<CommandEnvelope> NextIssuedAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        return await Issued.Reader.ReadAsync(cts.Token);
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
