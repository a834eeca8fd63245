using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Willow.Testing;

/// <summary>
/// A real HTTP server on loopback that stands in for a person's webhook (or ntfy) endpoint: it records every request
/// (headers and raw body) and answers with the status codes the test queued (then 200), or holds a request until the
/// test lets it go.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    private int _arrivals;

    /// <summary>Requests that arrived, answered or not (one held and then dropped by a dying client counts).</summary>
    public int Arrivals => Volatile.Read(ref _arrivals);

    /// <summary>While set, every request waits for it before answering (a receiver that is slow to answer).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Urls.Single();
        return receiver;
    }

    public void FailNext(int times, int status = 500)
    {
        for (var i = 0; i < times; i++)
        {
            _answers.Enqueue(status);
        }
    }

    /// <summary>Requests that were answered with a 2xx.</summary>
    public IReadOnlyList<ReceivedRequest> Accepted => [.. Requests.Where(r => r.Status is >= 200 and < 300)];

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Interlocked.Increment(ref _arrivals);
        var status = _answers.TryDequeue(out var queued) ? queued : 200;
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }

        Requests.Enqueue(new ReceivedRequest(
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray(),
            status));
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        Hold?.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int Status)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
