using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Security;
using Willow.Gateway.Clock;
using Willow.Gateway.Discovery;
using Willow.Gateway.Doses;
using Willow.Gateway.HubLink;
using Willow.Gateway.Journal;
using Willow.Gateway.Relay;
using Willow.Testing;

namespace Willow.Gateway.Tests;

/// <summary>
/// The gateway's working parts — journal, regimen book, relay, clock guard, dose runner — over a real
/// journal file, talking to a real agent on loopback. With a fake clock, the agent shares it. The parts
/// can be "restarted" on the same journal, as a gateway process that dies and comes back.
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
        Open();
    }

    public TimeProvider Time { get; }

    public FakeTimeProvider? FakeTime => Time as FakeTimeProvider;

    public string HomeKeyText { get; }

    public LockoutOptions Lockout { get; }

    public FakeClockSync ClockSync { get; } = new();

    public GatewayJournal Journal { get; private set; } = null!;

    public RegimenBook Book { get; private set; } = null!;

    public CommandRelay Relay { get; private set; } = null!;

    public ClockGuard Clock { get; private set; } = null!;

    public DoseRunner Runner { get; private set; } = null!;

    public AgentHost? Agent { get; private set; }

    public List<(Guid Id, CommandState State)> Finished { get; } = [];

    public async Task<AgentHost> StartAgentAsync(IDictionary<string, string?>? settings = null, string url = "http://127.0.0.1:0")
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        var fakeClock = !ReferenceEquals(Time, TimeProvider.System);
        if (fakeClock)
        {
            // On a fake clock a dwell would wait for the test to move time; the movement is what counts.
            values.TryAdd("Dispenser:Dwell", "00:00:00");
            values.TryAdd("Dispenser:ReturnTravel", "00:00:00");
        }

        Agent = await AgentHost.StartAsync(
            Path.Combine(_directory.Path, "agent"), DeviceId, Capability.Dispenser, HomeKeyText, values,
            configure: fakeClock ? b => b.Services.AddSingleton(Time) : null,
            url: url);
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

    /// <summary>Stops the gateway's parts as a process that stops would, and opens new ones on the same journal.</summary>
    public async Task<int> RestartRelayAsync()
    {
        await CloseAsync();
        return Open();
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

    /// <summary>Looks at the schedule until nothing is on its way any more (the agent answered everything).</summary>
    public async Task<DoseRound> SettleAsync()
    {
        DoseRound round;
        var rounds = 0;
        while ((round = await Runner.RunDueAsync(default)).InFlight > 0)
        {
            if (++rounds > 500)
            {
                throw new TimeoutException("Doses stayed in flight for 500 rounds.");
            }

            await Task.Delay(5);
        }

        return round;
    }

    public int Releases => Agent?.Servo.Movements.Count(m => m.ToDegrees == 90) ?? 0;

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        await StopAgentAsync();
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private async Task CloseAsync()
    {
        Runner.Dispose();
        await Relay.DisposeAsync();
        Journal.Dispose();
    }

    private int Open()
    {
        Journal = new GatewayJournal(Path.Combine(_directory.Path, "gateway", "journal.db"));
        Book = new RegimenBook(Journal, Time);
        Relay = new CommandRelay(
            Journal,
            _agents,
            new AgentClient(_http),
            new DispenserLockouts(Options.Create(Lockout), Book),
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
        Clock = new ClockGuard(ClockSync, new HubSession(), Journal, Options.Create(new ClockOptions()), Time, NullLogger<ClockGuard>.Instance);
        Runner = new DoseRunner(Book, Journal, Relay, Clock, Options.Create(new DoseRunnerOptions()), Time, NullLogger<DoseRunner>.Instance);
        return Relay.ResumeUnfinished();
    }

    private sealed class MutableDirectory : IAgentDirectory
    {
        private volatile AgentEndpoint? _agent;

        public IReadOnlyList<AgentEndpoint> Agents => _agent is { } a ? [a] : [];

        public AgentEndpoint? Find(string deviceId) => _agent?.DeviceId == deviceId ? _agent : null;

        public void Set(AgentEndpoint agent) => _agent = agent;

        public event Action? Changed
        {
            add { }
            remove { }
        }
    }
}

/// <summary>What NTP says, as the test wants it.</summary>
internal sealed class FakeClockSync : IClockSync
{
    public ClockSyncState State { get; set; } = ClockSyncState.Synchronized;

    public ClockSyncState Read() => State;
}
