using System.Text.Json;
using Willow.Core.Commands;
using Willow.HomeAssistant;
using Willow.Testing;

namespace Willow.Gateway.Tests.HomeAssistant;

/// <summary>
/// The link shared by gateway and hub, against a real mosquitto broker, with a role behind it whose store fails under a
/// press (a locked database, a hub that went away): the person is told, and the buttons keep working.
/// </summary>
public sealed class HomeAssistantLinkTests
{
    [Fact]
    public async Task PressTheRoleCannotIssue_AnswersFailed_AndTheNextPressIsStillHeard()
    {
        var broker = await Mosquitto.SharedUrlAsync();
        var household = Guid.CreateVersion7();
        var source = new FailingOnceSource(household);
        var events = new RecordedEvents();
        var options = new MqttOptions { Broker = broker, RefreshInterval = TimeSpan.FromSeconds(1), ReconnectInitialDelay = TimeSpan.FromMilliseconds(200) };
        await using var link = new HomeAssistantLink(source, events, options, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var running = link.RunAsync(stop.Token);
        await using var ha = await MqttWatcher.ConnectAsync(broker, $"willow/{HomeTopics.HouseholdKey(household)}/#");
        await Eventually.WaitAsync(() => link.IsConnected, "the link to connect");

        var press = link.Topics.Press(household, "treats", HomeActions.Treat);
        var outcomes = link.Topics.Outcome(household, "treats", HomeActions.Treat);
        await ha.PublishAsync(press, HomeStates.Press);
        var failed = await ha.WaitForAsync(m => m.Topic == outcomes, "the failed press's outcome", TimeSpan.FromSeconds(30));
        Assert.Equal("failed", JsonDocument.Parse(failed.Payload).RootElement.GetProperty("event_type").GetString());
        Assert.Contains("database is locked", JsonDocument.Parse(failed.Payload).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["treats treat: database is locked"], events.Failures);

        await ha.PublishAsync(press, HomeStates.Press);
        var second = await ha.WaitForAsync(m => m.Topic == outcomes && m != failed, "the second press's outcome", TimeSpan.FromSeconds(30));
        Assert.Equal("succeeded", JsonDocument.Parse(second.Payload).RootElement.GetProperty("event_type").GetString());
        Assert.Equal(2, source.Presses);

        await stop.CancelAsync();
        await running;
    }

    /// <summary>One household with a treat dispenser; the first press throws as a locked store would, the next succeeds.</summary>
    private sealed class FailingOnceSource(Guid household) : IHomeSource
    {
        private int _presses;

        public int Presses => Volatile.Read(ref _presses);

        public HomeBridge Bridge { get; } = new($"willow_{HomeTopics.HouseholdKey(household)}_gateway_test", "Test gateway", "Willow gateway", "test");

        public Task<IReadOnlyList<HomeView>> ViewsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<HomeView>>([new HomeView(household, [new HomeDevice("treats", "Treats", [Capability.Dispenser], Online: true)])]);

        public Task<PressOutcome?> PressAsync(Guid householdId, HomeDevice device, string action, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _presses) == 1
                ? throw new InvalidOperationException("database is locked")
                : Task.FromResult<PressOutcome?>(new PressOutcome("succeeded", "Released 1 portion.", Guid.CreateVersion7(), DateTimeOffset.UtcNow));
    }

    private sealed class RecordedEvents : IHomeAssistantEvents
    {
        private readonly List<string> _failures = [];

        public IReadOnlyList<string> Failures
        {
            get
            {
                lock (_failures)
                {
                    return [.. _failures];
                }
            }
        }

        public void PressFailed(string deviceId, string action, Exception exception)
        {
            lock (_failures)
            {
                _failures.Add($"{deviceId} {action}: {exception.Message}");
            }
        }

        public void MessageFailed(string topic, Exception exception) => PressFailed(topic, "message", exception);

        public void Connected(string broker, int entities)
        {
        }

        public void ConnectFailed(string broker, string reason, TimeSpan retryIn)
        {
        }

        public void Disconnected(string broker, string reason)
        {
        }

        public void HomeAssistantStarted()
        {
        }

        public void Pressed(string deviceId, string action)
        {
        }

        public void PressIgnored(string topic, string why)
        {
        }

        public void Removed(string configTopic)
        {
        }

        public void RefreshFailed(Exception exception)
        {
        }
    }
}
