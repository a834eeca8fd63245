using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Security;
using Willow.Gateway.Discovery;
using Willow.Gateway.Journal;
using Willow.Gateway.Relay;
using Willow.Testing;

namespace Willow.Gateway.Tests;

/// <summary>
/// A command relay over a real journal file, talking to a real agent on loopback. The agent is started
/// and stopped by the test; the relay can be "restarted" on the same journal.
/// </summary>
internal sealed class RelayFixture : IAsyncDisposable
{
    public const string DeviceId = "treat-dispenser";

    private readonly TempDirectory _directory = new("relay");
    private readonly HttpClient _http;
    private readonly MutableDirectory _agents = new();

    public RelayFixture(TimeSpan? gatewayLockout = null, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        HomeKeyText = HomeKey.Generate();
        _http = new HttpClient(new SigningHandler(new HomeKeyring(Convert.FromBase64String(HomeKeyText)), Time) { InnerHandler = new HttpClientHandler() })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        Lockout = new LockoutOptions { DispenseMinimumInterval = gatewayLockout ?? TimeSpan.Zero };
        OpenRelay();
    }

    public TimeProvider Time { get; }

    public string HomeKeyText { get; }

    public LockoutOptions Lockout { get; }

    public GatewayJournal Journal { get; private set; } = null!;

    public CommandRelay Relay { get; private set; } = null!;

    public AgentHost? Agent { get; private set; }

    public List<(Guid Id, CommandState State)> Finished { get; } = [];

    public async Task<AgentHost> StartAgentAsync(IDictionary<string, string?>? settings = null, string url = "http://127.0.0.1:0")
    {
        Agent = await AgentHost.StartAsync(Path.Combine(_directory.Path, "agent"), DeviceId, Capability.Dispenser, HomeKeyText, settings, url: url);
        _agents.Set(new AgentEndpoint(DeviceId, new Uri(Agent.Url + "/")));
        return Agent;
    }

    public async Task StopAgentAsync()
    {
        if (Agent is not null)
        {
            await Agent.DisposeAsync();
            Agent = null;
        }
    }

    /// <summary>Points discovery at an address nobody listens on.</summary>
    public void PointAtNothing(int port) => _agents.Set(new AgentEndpoint(DeviceId, new Uri($"http://127.0.0.1:{port}/")));

    /// <summary>Stops the relay as a gateway process that stops would, and opens a new one on the same journal.</summary>
    public async Task<int> RestartRelayAsync()
    {
        await Relay.DisposeAsync();
        Journal.Dispose();
        return OpenRelay();
    }

    public CommandEnvelope Dispense(TimeSpan? ttl = null, LockoutOverride? lockoutOverride = null)
    {
        var now = Time.GetUtcNow();
        return new CommandEnvelope(
            Guid.CreateVersion7(now), Guid.NewGuid(), DeviceId, CommandKinds.Dispense, JsonElement.Parse("{\"portions\":1}"), "token:owner",
            now, now + (ttl ?? TimeSpan.FromMinutes(1)), LockoutOverride: lockoutOverride);
    }

    public Task<RelayedCommand> WaitFinalAsync(Guid commandId, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(() => Task.FromResult(Journal.Find(commandId)), c => c is not null && c.State.IsFinal(), $"command {commandId} to finish", timeout)!;

    public int Releases => Agent?.Servo.Movements.Count(m => m.ToDegrees == 90) ?? 0;

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        Journal.Dispose();
        await StopAgentAsync();
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private int OpenRelay()
    {
        Journal = new GatewayJournal(Path.Combine(_directory.Path, "gateway", "journal.db"));
        Relay = new CommandRelay(
            Journal,
            _agents,
            new AgentClient(_http),
            Options.Create(Lockout),
            Options.Create(new GatewayOptions { GiveUpAfter = TimeSpan.FromSeconds(5) }),
            Time,
            NullLogger<CommandRelay>.Instance);
        Relay.Finished += (id, state) =>
        {
            lock (Finished)
            {
                Finished.Add((id, state));
            }
        };
        return Relay.ResumeUnfinished();
    }

    private sealed class MutableDirectory : IAgentDirectory
    {
        private volatile AgentEndpoint? _agent;

        public IReadOnlyList<AgentEndpoint> Agents => _agent is { } a ? [a] : [];

        public AgentEndpoint? Find(string deviceId) => _agent?.DeviceId == deviceId ? _agent : null;

        public void Set(AgentEndpoint agent) => _agent = agent;
    }
}
