using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Security;
using Willow.Gateway.Relay;
using Willow.Testing;

namespace Willow.System.Tests;

/// <summary>
/// A real <c>willow agent</c> with the simulated servo, whose PWM channel writes every signal to a pulse log:
/// stopped cleanly, then killed with SIGKILL in the middle of a dispense, and started again each time. A
/// restarted agent holds the horn where it was last sent — the same pulse width, never another — and nothing
/// moves until a command asks. The agent runs with its systemd unit's environment (no ICU, one malloc arena).
/// </summary>
public sealed class AgentRestartSystemTests
{
    [Fact]
    public async Task Restart_AfterCleanStopAndAfterSigkill_NoPulseChangeBeforeTheFirstCommand()
    {
        using var directory = new TempDirectory("agent-restart");
        var homeKey = HomeKey.Generate();
        var agentUrl = $"http://127.0.0.1:{Ports.Free()}";
        var movementLog = directory.File("movements.log");
        var pulseLog = directory.File("pulses.log");
        File.WriteAllText(directory.File("agent.json"), new JsonObject
        {
            ["urls"] = agentUrl,
            ["Agent"] = new JsonObject
            {
                ["DeviceId"] = "pill-dispenser", ["Capabilities"] = new JsonArray("dispenser"), ["HomeKey"] = homeKey, ["DataDirectory"] = directory.Sub("agent"),
            },
            ["Dispenser"] = new JsonObject
            {
                ["Dwell"] = "00:00:02", ["ReturnTravel"] = "00:00:00.100", ["SimulatedMovementLog"] = movementLog, ["SimulatedPulseLog"] = pulseLog,
            },
        }.ToJsonString());
        using var http = new HttpClient(new SigningHandler(new HomeKeyring(Convert.FromBase64String(homeKey)), TimeProvider.System) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri(agentUrl + "/"),
            Timeout = TimeSpan.FromSeconds(30),
        };

        // A first life: one dispense (1000 µs home, 1500 µs release), then a clean stop (Ctrl+C).
        await using (var first = await StartAsync(directory, http, "has never been moved"))
        {
            Assert.Equal(CommandState.Succeeded, (await ActAsync(http, CommandKinds.Dispense, Guid.CreateVersion7())).State);
            first.Interrupt();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        }

        var (moves, pulses) = (Lines(movementLog).Length, Lines(pulseLog).Length);
        Assert.Equal(2, moves);

        // Started again after the clean stop: it holds at home, and nothing moves.
        await using var second = await StartAsync(directory, http, "Servo holding at 0");
        AssertHeldWithoutMoving(Lines(pulseLog)[pulses..], Lines(movementLog)[moves..], 1000);

        // A dispense, killed with SIGKILL while the horn dwells at the release angle.
        var killed = Guid.CreateVersion7();
        var dying = ActAsync(http, CommandKinds.Dispense, killed);
        await Eventually.WaitAsync(() => Lines(movementLog).Length == moves + 1, "the horn to swing to the release angle");
        WillowProcess.SendSignal(second.Pid, "KILL");
        await second.WaitForExitAsync(TimeSpan.FromSeconds(20));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => dying);
        Assert.EndsWith("pwm on 1500us", Lines(pulseLog)[^1], StringComparison.Ordinal);
        (moves, pulses) = (Lines(movementLog).Length, Lines(pulseLog).Length);

        // Started again after the kill: the horn is at the release angle and held there, not swung home.
        await using var third = await StartAsync(directory, http, "Servo holding at 90");
        AssertHeldWithoutMoving(Lines(pulseLog)[pulses..], Lines(movementLog)[moves..], 1500);
        var interrupted = await http.GetFromJsonAsync($"{AgentRoutes.Actuations}/{killed}", WillowJsonContext.Default.ActuationOutcome);
        Assert.Equal(CommandState.Uncertain, interrupted!.State);

        // Only a command moves it: a person checks the dispenser and sends it home.
        Assert.Equal(CommandState.Succeeded, (await ActAsync(http, CommandKinds.Home, Guid.CreateVersion7())).State);
        Assert.EndsWith("move 90 -> 0", Lines(movementLog)[^1], StringComparison.Ordinal);
        Assert.EndsWith("pwm on 1000us", Lines(pulseLog)[^1], StringComparison.Ordinal);
        // Out to the release angle twice in all: the first dispense and the killed one. The restarts added none.
        Assert.Equal(2, Lines(movementLog).Count(l => l.EndsWith("-> 90", StringComparison.Ordinal)));
    }

    private static async Task<WillowProcess> StartAsync(TempDirectory directory, HttpClient http, string startLine)
    {
        var agent = WillowProcess.Start(["agent", "--config", directory.File("agent.json")], UnitEnvironment.For("agent"));
        using var probe = new HttpClient { BaseAddress = http.BaseAddress };
        await Eventually.WaitAsync(
            async () => (await probe.GetAsync("health/ready")).StatusCode, status => status == HttpStatusCode.OK, "the agent to be ready", TimeSpan.FromSeconds(60));
        await agent.WaitForOutputAsync(startLine, TimeSpan.FromSeconds(10));
        return agent;
    }

    /// <summary>Since the restart: the channel was opened and enabled at the held pulse width only, and no move was commanded.</summary>
    private static void AssertHeldWithoutMoving(string[] newPulses, string[] newMoves, int heldMicroseconds)
    {
        Assert.Empty(newMoves);
        Assert.Contains(newPulses, l => l.EndsWith($"pwm on {heldMicroseconds}us", StringComparison.Ordinal));
        Assert.All(newPulses, l => Assert.EndsWith($" {heldMicroseconds}us", l, StringComparison.Ordinal));
    }

    private static async Task<ActuationOutcome> ActAsync(HttpClient http, string kind, Guid id)
    {
        var request = new ActuationRequest(id, kind, JsonElement.Parse("{}"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1));
        using var response = await http.PostAsJsonAsync(AgentRoutes.Actuations, request, WillowJsonContext.Default.ActuationRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(WillowJsonContext.Default.ActuationOutcome))!;
    }

    private static string[] Lines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];
}
