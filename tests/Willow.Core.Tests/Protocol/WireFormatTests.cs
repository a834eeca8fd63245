using System.Text.Json;
using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Core.Tests.Protocol;

public sealed class WireFormatTests
{
    [Fact]
    public void CommandEnvelope_RoundTrips_WithLowerCaseNamesAndUuidV7()
    {
        var at = new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);
        var envelope = new CommandEnvelope(
            Guid.CreateVersion7(at), Guid.NewGuid(), "treat-dispenser", CommandKinds.Dispense, JsonElement.Parse("{\"portions\":1}"),
            "token:owner", at, at.AddMinutes(1), DoseId: Guid.NewGuid(), IdempotencyKey: "k-1", LockoutOverride: new LockoutOverride("vet said so", "token:owner"));

        var json = JsonSerializer.Serialize(envelope, WillowJsonContext.Default.CommandEnvelope);
        var back = JsonSerializer.Deserialize(json, WillowJsonContext.Default.CommandEnvelope)!;

        Assert.Contains("\"deviceId\":\"treat-dispenser\"", json, StringComparison.Ordinal);
        Assert.Contains("\"expiresAt\":", json, StringComparison.Ordinal);
        Assert.Contains("\"idempotencyKey\":\"k-1\"", json, StringComparison.Ordinal);
        Assert.Equal(7, envelope.Id.Version);
        Assert.Equal(envelope.Id, back.Id);
        Assert.Equal(envelope.ExpiresAt, back.ExpiresAt);
        Assert.Equal(envelope.LockoutOverride, back.LockoutOverride);
        Assert.Equal(1, back.Args.GetProperty("portions").GetInt32());
    }

    [Fact]
    public void StateReport_StatesAndSources_AreLowerCaseWords()
    {
        var report = new CommandStateReport(Guid.NewGuid(), CommandState.Uncertain, DateTimeOffset.UnixEpoch, EventSource.Agent, null);
        var json = JsonSerializer.Serialize(report, WillowJsonContext.Default.CommandStateReport);
        Assert.Contains("\"state\":\"uncertain\"", json, StringComparison.Ordinal);
        Assert.Contains("\"source\":\"agent\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WireNames_EveryState_ParsesBack()
    {
        foreach (var state in Enum.GetValues<CommandState>())
        {
            Assert.Equal(state, WireNames.ParseState(state.ToWire()));
        }
    }

    [Fact]
    public void IsExpiredAt_TheExpiryInstantItself_IsExpired()
    {
        var at = DateTimeOffset.UnixEpoch;
        var envelope = new CommandEnvelope(Guid.NewGuid(), Guid.NewGuid(), "d", "home", default, "x", at, at.AddSeconds(60));
        Assert.False(envelope.IsExpiredAt(at.AddSeconds(59.999)));
        Assert.True(envelope.IsExpiredAt(at.AddSeconds(60)));
    }
}
