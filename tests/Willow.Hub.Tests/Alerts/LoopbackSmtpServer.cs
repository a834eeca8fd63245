using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Willow.Testing;

namespace Willow.Hub.Tests.Alerts;

/// <summary>A real SMTP server (the SmtpServer library) on 127.0.0.1 that keeps every message it accepts, parsed with MimeKit.</summary>
internal sealed class LoopbackSmtpServer : MessageStore, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public int Port { get; } = Ports.Free();

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public static LoopbackSmtpServer Start()
    {
        var server = new LoopbackSmtpServer();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("mail.willow.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(server);
        server._running = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
        return server;
    }

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer.ToArray());
        Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
        return SmtpResponse.Ok;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
