using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core;
using Willow.Core.Links;
using Willow.Hosting.Consul;

namespace Willow.Agent.Discovery;

/// <summary>
/// Registers this agent with Consul once it listens (service <c>willow-agent</c>, its capabilities as tags, its
/// device id and version as metadata, an HTTP check on <c>/health/ready</c>), registers again every
/// <c>Consul:DeregisterCriticalAfter</c> in case Consul reaped it, and deregisters on a clean shutdown. A Consul that
/// is not up yet is asked again with back-off; the agent serves meanwhile.
/// </summary>
public sealed class ConsulAgentRegistration(
    ConsulClient consul,
    IOptions<ConsulOptions> consulOptions,
    IOptions<AgentOptions> agentOptions,
    IServer server,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ConsulAgentRegistration> logger) : BackgroundService
{
    private volatile string? _registered;

    /// <summary>True once Consul has taken the registration.</summary>
    public bool IsRegistered => _registered is not null;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_registered is not { } serviceId)
        {
            return;
        }

        // A short deadline: a Consul gone at shutdown must not hold the board; its check deregisters it later.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await consul.DeregisterAsync(serviceId, deadline.Token);
            _registered = null;
            RegistrationLog.Deregistered(logger, serviceId);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            RegistrationLog.DeregisterFailed(logger, serviceId, ex.Message, consulOptions.Value.DeregisterCriticalAfter);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The port is known only once Kestrel listens (port 0 in tests, or whatever --urls said).
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var registration = Describe();
        var backoff = Backoff.Default();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                await consul.RegisterAsync(registration, stoppingToken);
                if (_registered is null)
                {
                    RegistrationLog.Registered(logger, consul.Address.ToString(), registration.ID, registration.Address, registration.Port, consulOptions.Value.CheckInterval);
                }

                _registered = registration.ID;
                backoff.Reset();

                // Consul drops a board critical for DeregisterCriticalAfter (Wi-Fi gone a while) and the board would
                // never be listed again: registering anew at that rhythm puts it back. The same definition again is
                // no change to Consul, so nobody watching is woken.
                delay = consulOptions.Value.DeregisterCriticalAfter;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                delay = backoff.Next();
                RegistrationLog.RegisterFailed(logger, consul.Address.ToString(), ex.Message, delay);
            }

            await Task.Delay(delay, time, stoppingToken);
        }
    }

    private ConsulServiceRegistration Describe()
    {
        var options = consulOptions.Value;
        var agent = agentOptions.Value;
        var address = string.IsNullOrWhiteSpace(options.ServiceAddress) ? LanAddress.Guess() : options.ServiceAddress.Trim();
        var port = options.ServicePort ?? ListeningPort();
        var host = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
        var check = new ConsulHttpCheck(
            HTTP: $"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}/health/ready",
            Interval: ConsulDuration.Format(options.CheckInterval),
            Timeout: ConsulDuration.Format(options.CheckTimeout),
            DeregisterCriticalServiceAfter: ConsulDuration.Format(options.DeregisterCriticalAfter));
        return new ConsulServiceRegistration(
            ID: WillowAgentService.IdFor(agent.DeviceId),
            Name: WillowAgentService.Name,
            Address: address,
            Port: port,
            Tags: [.. agent.Capabilities],
            Meta: new Dictionary<string, string>(StringComparer.Ordinal) { [WillowAgentService.DeviceIdMeta] = agent.DeviceId, [WillowAgentService.VersionMeta] = WillowVersion.Current },
            Check: check);
    }

    private int ListeningPort()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                && uri.Scheme == "http")
            {
                return uri.Port;
            }
        }

        throw new InvalidOperationException("The agent listens on no http address to register; set Consul:ServicePort.");
    }
}
