using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Agent.Actuations;
using Willow.Agent.Journal;
using Willow.Core;
using Willow.Core.Commands;
using Willow.Core.Links;
using Willow.Core.Protocol;

namespace Willow.Agent.Direct;

/// <summary>
/// Direct mode: announces the device to the hub, then asks for the next command (long-poll or once per
/// interval), carries it out through the same <see cref="ActuationRunner"/> as a gateway's request, and
/// posts the outcome. Outcomes not yet acknowledged by the hub are posted again after a restart.
/// </summary>
public sealed class DirectHubPoller(
    IHttpClientFactory httpClients,
    ActuationRunner runner,
    ActuationJournal journal,
    IOptions<DirectModeOptions> options,
    IOptions<AgentOptions> agent,
    TimeProvider time,
    ILogger<DirectHubPoller> logger) : BackgroundService
{
    public const string HttpClientName = "willow-direct";

    private readonly DirectModeOptions _options = options.Value;

    public static void ConfigureClient(HttpClient client, DirectModeOptions options)
    {
        client.BaseAddress = new Uri(options.HubUrl!.TrimEnd('/') + "/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        client.Timeout = options.LongPollWait + TimeSpan.FromSeconds(15);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        var backoff = Backoff.Default();
        var announced = false;
        DirectLog.Starting(logger, _options.HubUrl!, _options.Mode);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!announced)
                {
                    await AnnounceAsync(http, stoppingToken);
                    announced = true;
                }

                await ReportUnreportedAsync(http, stoppingToken);
                var gotCommand = await PollOnceAsync(http, stoppingToken);
                backoff.Reset();
                if (!gotCommand && _options.Mode == DirectPolling.Interval)
                {
                    await Task.Delay(_options.PollInterval, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or DirectModeRefusedException)
            {
                var delay = backoff.Next();
                DirectLog.HubUnreachable(logger, ex.Message, delay);
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task AnnounceAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var options = agent.Value;
        var hello = new DirectDeviceHello(options.Name ?? options.DeviceId, [.. runner.Capabilities], WillowVersion.Current);
        using var response = await http.PutAsJsonAsync("api/v1/device", hello, WillowJsonContext.Default.DirectDeviceHello, cancellationToken);
        await EnsureAcceptedAsync(response, cancellationToken);
        DirectLog.Announced(logger, options.DeviceId);
    }

    private async Task<bool> PollOnceAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var waitSeconds = _options.Mode == DirectPolling.LongPoll ? (int)_options.LongPollWait.TotalSeconds : 0;
        using var response = await http.GetAsync($"api/v1/device/commands/next?wait={waitSeconds}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return false;
        }

        await EnsureAcceptedAsync(response, cancellationToken);
        var command = await response.Content.ReadFromJsonAsync(WillowJsonContext.Default.CommandEnvelope, cancellationToken)
            ?? throw new HttpRequestException("The hub answered an empty command.");
        await CarryOutAsync(http, command, cancellationToken);
        return true;
    }

    private async Task CarryOutAsync(HttpClient http, CommandEnvelope command, CancellationToken cancellationToken)
    {
        DirectLog.Received(logger, command.Id, command.Kind);
        if (!runner.CanPerform(command.Kind))
        {
            await PostEventAsync(http, command.Id, new DirectCommandEvent(CommandState.Refused, time.GetUtcNow(), $"This device cannot '{command.Kind}'."), cancellationToken);
            return;
        }

        // The "executing" report travels while the hardware moves; the outcome is posted after it.
        var executing = PostEventAsync(http, command.Id, new DirectCommandEvent(CommandState.Executing, time.GetUtcNow(), null), cancellationToken);
        var outcome = await runner.RunAsync(ActuationRequest.From(command), CancellationToken.None);
        try
        {
            await executing;
        }
        catch (HttpRequestException)
        {
            // Only the outcome matters from here; it is retried until the hub has it.
        }

        await PostEventAsync(http, command.Id, new DirectCommandEvent(outcome.State, outcome.FinishedAt, outcome.Detail), cancellationToken);
        journal.MarkReported(command.Id, time.GetUtcNow());
    }

    private async Task ReportUnreportedAsync(HttpClient http, CancellationToken cancellationToken)
    {
        foreach (var entry in journal.Unreported())
        {
            await PostEventAsync(http, entry.CommandId, new DirectCommandEvent(entry.State, entry.FinishedAt, entry.Detail), cancellationToken);
            journal.MarkReported(entry.CommandId, time.GetUtcNow());
            DirectLog.LateReport(logger, entry.CommandId, entry.State);
        }
    }

    private static async Task PostEventAsync(HttpClient http, Guid commandId, DirectCommandEvent change, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            $"api/v1/device/commands/{commandId}/events", change, WillowJsonContext.Default.DirectCommandEvent, cancellationToken);

        // 404 and 409 are final answers (unknown to the hub, or contradicting what it recorded): retrying cannot help.
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return;
        }

        await EnsureAcceptedAsync(response, cancellationToken);
    }

    private static async Task EnsureAcceptedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new DirectModeRefusedException($"The hub refused this device's token ({(int)response.StatusCode}). Check Direct:Token.");
        }

        throw new HttpRequestException($"The hub answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
    }
}
