using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Willow.Hosting.Consul;

/// <summary>
/// The few endpoints of Consul's HTTP API Willow uses, over <see cref="HttpClient"/> (no Consul client package is
/// on the NuGet copy here): register and deregister a service with the local agent, and follow a service's passing
/// instances with blocking queries. Failures surface as <see cref="HttpRequestException"/> with the status code.
/// </summary>
public sealed class ConsulClient(HttpClient http, IOptions<ConsulOptions> options)
{
    public const string HttpClientName = "consul";
    public const string TokenHeader = "X-Consul-Token";
    public const string IndexHeader = "X-Consul-Index";

    /// <summary>A write to the local Consul agent answers in milliseconds; one that hangs counts as Consul being down.</summary>
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    public Uri Address => new(options.Value.Address.TrimEnd('/') + "/");

    public async Task RegisterAsync(ConsulServiceRegistration registration, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, "v1/agent/service/register");
        request.Content = JsonContent.Create(registration, ConsulJsonContext.Default.ConsulServiceRegistration);
        await WriteAsync(request, "register", cancellationToken);
    }

    public async Task DeregisterAsync(string serviceId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, "v1/agent/service/deregister/" + Uri.EscapeDataString(serviceId));
        await WriteAsync(request, "deregister", cancellationToken);
    }

    private async Task WriteAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(WriteTimeout);
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            await EnsureSuccessAsync(response, what, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"Consul at {Address} did not answer within {WriteTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>
    /// <c>GET /v1/health/service/{service}?passing</c>. With <paramref name="index"/> above zero the request blocks
    /// until the result changes or <paramref name="wait"/> passes (plus Consul's jitter of up to wait/16).
    /// </summary>
    public async Task<ConsulQueryResult> PassingAsync(string service, ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        var path = $"v1/health/service/{Uri.EscapeDataString(service)}?passing";
        if (index > 0)
        {
            path += $"&index={index.ToString(CultureInfo.InvariantCulture)}&wait={ConsulDuration.Format(wait)}";
        }

        // The client's own timeout must outlast the wait and its jitter; a dead Consul still ends the request.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(index > 0 ? wait + (wait / 16) + TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(10));
        using var request = Request(HttpMethod.Get, path);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            await EnsureSuccessAsync(response, "query", deadline.Token);
            var entries = await response.Content.ReadFromJsonAsync(ConsulJsonContext.Default.ListConsulServiceEntry, deadline.Token) ?? [];
            var returned = response.Headers.TryGetValues(IndexHeader, out var values)
                && ulong.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : 0;
            return new ConsulQueryResult(entries, returned);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"Consul at {Address} did not answer within the blocking query's wait.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new HttpRequestException($"Consul at {Address} answered with JSON that is not a service list: {ex.Message}", ex);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(Address, path));
        if (!string.IsNullOrEmpty(options.Value.Token))
        {
            request.Headers.TryAddWithoutValidation(TokenHeader, options.Value.Token);
        }

        return request;
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // Consul answers errors in plain text ("ACL not found", "Permission denied: ..."): worth a log line as it is.
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        if (text.Length > 200)
        {
            text = text[..200];
        }

        throw new HttpRequestException(
            $"Consul at {Address} refused to {what}: {(int)response.StatusCode} {text}", null, response.StatusCode);
    }
}
