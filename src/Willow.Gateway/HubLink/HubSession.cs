using Microsoft.AspNetCore.SignalR.Client;

namespace Willow.Gateway.HubLink;

/// <summary>
/// The hub connection of the moment, shared by the parts that talk to the hub. <see cref="HubLink"/>
/// sets it while connected; calls made while it is down fail at once rather than wait.
/// </summary>
public sealed class HubSession
{
    private HubConnection? _connection;

    public HubLinkState State { get; private set; } = new(false, null, "not connected yet");

    public bool IsConnected => _connection?.State == HubConnectionState.Connected;

    public async Task<T> InvokeAsync<T>(string method, CancellationToken cancellationToken, params object?[] arguments) =>
        await Current().InvokeCoreAsync<T>(method, arguments, cancellationToken);

    public async Task InvokeAsync(string method, CancellationToken cancellationToken, params object?[] arguments) =>
        await Current().InvokeCoreAsync(method, arguments, cancellationToken);

    /// <summary>Sends without waiting for an answer; an argument may be a stream (<c>IAsyncEnumerable</c>) that flows until it ends.</summary>
    public async Task SendAsync(string method, CancellationToken cancellationToken, params object?[] arguments) =>
        await Current().SendCoreAsync(method, arguments, cancellationToken);

    internal void Attach(HubConnection connection, DateTimeOffset at)
    {
        _connection = connection;
        State = new HubLinkState(true, at, null);
    }

    internal void Detach(DateTimeOffset at, string reason)
    {
        _connection = null;
        State = new HubLinkState(false, at, reason);
    }

    private HubConnection Current()
    {
        var connection = _connection;
        return connection is { State: HubConnectionState.Connected }
            ? connection
            : throw new InvalidOperationException("The hub link is down.");
    }
}
