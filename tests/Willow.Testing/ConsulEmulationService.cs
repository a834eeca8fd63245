using System.Diagnostics;

namespace Willow.Testing;

/// <summary>One registered service instance in a <see cref="ConsulEmulation"/>, with its HTTP check.</summary>
public sealed class ConsulEmulationService
{
    private CancellationTokenSource? _checks;

    public required string Id { get; init; }

    public required string Name { get; init; }

    public string Address { get; init; } = "";

    public int Port { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();

    /// <summary>The check's URL; null for a service registered without a check (always passing, as Consul treats it).</summary>
    public Uri? CheckUrl { get; init; }

    public string CheckMethod { get; init; } = "GET";

    public TimeSpan CheckInterval { get; init; }

    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan? DeregisterCriticalAfter { get; init; }

    /// <summary>The raw registration body, for tests that check the keys Consul documents.</summary>
    public string Body { get; init; } = "";

    /// <summary><c>passing</c>, <c>warning</c> or <c>critical</c>; a check starts critical until it first runs, as in Consul.</summary>
    public string Status { get; internal set; } = ConsulEmulation.Critical;

    public string Output { get; internal set; } = "";

    /// <summary>True when the reaper removed it after its critical period.</summary>
    public bool Reaped { get; internal set; }

    internal long? CriticalSince { get; set; } = Stopwatch.GetTimestamp();

    internal void StartChecks(ConsulEmulationCatalog catalog, HttpClient http, CancellationToken stopping)
    {
        if (CheckUrl is null)
        {
            Status = ConsulEmulation.Passing;
            CriticalSince = null;
            return;
        }

        StopChecks();
        _checks = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _ = RunChecksAsync(catalog, http, _checks.Token);
    }

    internal void StopChecks()
    {
        _checks?.Cancel();
        _checks?.Dispose();
        _checks = null;
    }

    private async Task RunChecksAsync(ConsulEmulationCatalog catalog, HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            // Consul staggers a new check's first run randomly within its interval.
            await Task.Delay(TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * CheckInterval.Ticks)), cancellationToken);
            using var timer = new PeriodicTimer(CheckInterval);
            do
            {
                var (status, output) = await ProbeAsync(http, cancellationToken);
                catalog.Report(this, status, output);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Consul's HTTP check: 2xx passing, 429 warning, anything else (or no answer in time) critical.</summary>
    private async Task<(string Status, string Output)> ProbeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(CheckMethod), CheckUrl);
            using var response = await http.SendAsync(request, timeout.Token);
            var code = (int)response.StatusCode;
            var output = $"HTTP {CheckMethod} {CheckUrl}: {code} {response.ReasonPhrase}";
            return code switch
            {
                >= 200 and < 300 => (ConsulEmulation.Passing, output),
                429 => (ConsulEmulation.Warning, output),
                _ => (ConsulEmulation.Critical, output),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (ConsulEmulation.Critical, $"Get \"{CheckUrl}\": {ex.Message}");
        }
    }
}
