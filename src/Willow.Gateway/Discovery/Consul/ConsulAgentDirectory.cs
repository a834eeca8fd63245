using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core.Links;
using Willow.Hosting.Consul;

namespace Willow.Gateway.Discovery.Consul;

/// <summary>
/// The agents Consul says are passing their health check, followed with blocking queries on
/// <c>/v1/health/service/willow-agent?passing</c>: an agent that turns critical or deregisters leaves
/// <see cref="Agents"/> as soon as Consul answers, and a new one enters the same way. While Consul cannot be
/// reached the last known set stays (the agents themselves may be fine), the gateway's health says so, and the
/// query is retried with back-off until Consul answers again.
/// </summary>
public sealed partial class ConsulAgentDirectory(
    ConsulClient consul,
    IOptions<ConsulOptions> options,
    TimeProvider time,
    ILogger<ConsulAgentDirectory> logger) : BackgroundService, IAgentDirectory
{
    /// <summary>A query that comes back sooner than this with an unchanged index waits out the rest: never a hot loop.</summary>
    private static readonly TimeSpan MinimumRound = TimeSpan.FromSeconds(1);

    private IReadOnlyList<AgentEndpoint> _agents = [];
    private DiscoveryState _state = new(false, null, null);

    public event Action? Changed;

    public IReadOnlyList<AgentEndpoint> Agents => Volatile.Read(ref _agents);

    /// <summary>Whether Consul has answered at all, and since when and why it has not, if it does not now.</summary>
    public DiscoveryState State => Volatile.Read(ref _state);

    public Uri Consul => consul.Address;

    public AgentEndpoint? Find(string deviceId) => Agents.FirstOrDefault(a => a.DeviceId == deviceId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ConsulDiscoveryLog.Following(logger, consul.Address.ToString());
        var backoff = Backoff.Default();
        ulong index = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var asked = time.GetTimestamp();
            try
            {
                var result = await consul.PassingAsync(WillowAgentService.Name, index, options.Value.Wait, stoppingToken);
                var previous = State;
                if (previous.FailingSince is { } since)
                {
                    ConsulDiscoveryLog.Recovered(logger, consul.Address.ToString(), time.GetUtcNow() - since);
                }

                Volatile.Write(ref _state, new DiscoveryState(true, null, null));
                backoff.Reset();
                Apply(result.Entries);

                var next = ConsulIndex.Next(index, result.Index);
                var took = time.GetElapsedTime(asked);
                if (next == index && took < MinimumRound)
                {
                    await Task.Delay(MinimumRound - took, time, stoppingToken);
                }

                index = next;
            }
            catch (HttpRequestException ex)
            {
                var previous = State;
                Volatile.Write(ref _state, new DiscoveryState(previous.Answered, previous.FailingSince ?? time.GetUtcNow(), ex.Message));
                var delay = backoff.Next();
                ConsulDiscoveryLog.Unreachable(logger, consul.Address.ToString(), ex.Message, Agents.Count, delay);

                // Consul may come back with another index (a restart without its data): ask afresh.
                index = 0;
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    private void Apply(IReadOnlyList<ConsulServiceEntry> entries)
    {
        var found = new SortedDictionary<string, AgentEndpoint>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Checks?.Any(c => c.Status != "passing") == true)
            {
                continue;
            }

            if (ToEndpoint(entry) is { } endpoint)
            {
                found.TryAdd(endpoint.DeviceId, endpoint);
            }
        }

        var current = Agents;
        var now = found.Values.ToList();
        if (current.SequenceEqual(now))
        {
            return;
        }

        foreach (var gone in current.Where(a => !found.TryGetValue(a.DeviceId, out var same) || same != a))
        {
            ConsulDiscoveryLog.AgentChanged(logger, gone.DeviceId, gone.BaseAddress.ToString(), "left");
        }

        foreach (var added in now.Where(a => !current.Contains(a)))
        {
            ConsulDiscoveryLog.AgentChanged(logger, added.DeviceId, added.BaseAddress.ToString(), "joined");
        }

        Volatile.Write(ref _agents, now);
        Changed?.Invoke();
    }

    private AgentEndpoint? ToEndpoint(ConsulServiceEntry entry)
    {
        var service = entry.Service;
        var deviceId = service.Meta?.GetValueOrDefault(WillowAgentService.DeviceIdMeta);
        if (deviceId is null || !DeviceIdPattern().IsMatch(deviceId))
        {
            ConsulDiscoveryLog.Ignored(logger, service.ID, $"its meta has no valid {WillowAgentService.DeviceIdMeta}");
            return null;
        }

        // Consul's documented fallback: a service registered without an address is at its node's.
        var address = string.IsNullOrWhiteSpace(service.Address) ? entry.Node.Address : service.Address;
        if (string.IsNullOrWhiteSpace(address) || service.Port is <= 0 or > 65535)
        {
            ConsulDiscoveryLog.Ignored(logger, service.ID, "it has no address and port");
            return null;
        }

        var host = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
        return Uri.TryCreate($"http://{host}:{service.Port.ToString(CultureInfo.InvariantCulture)}/", UriKind.Absolute, out var uri)
            ? new AgentEndpoint(deviceId, uri)
            : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex DeviceIdPattern();
}
