using Willow.Hub.Alerts;

namespace Willow.Hub.Tests.Storage;

/// <summary>
/// What every alert store must do: one alert per cause (also when two writers race), events opened once ever and
/// conditions again after they resolve, acknowledgement once, escalation once per step, and an outbox whose claims
/// never hand one delivery to two senders and hand a lapsed claim out again.
/// </summary>
public abstract class AlertStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Home = Guid.Parse("0193a0a0-0000-7000-8000-00000000a001");
    private static readonly Guid NextDoor = Guid.Parse("0193a0a0-0000-7000-8000-00000000b002");
    private static readonly Guid Sam = Guid.Parse("0193a0a0-0000-7000-8000-0000000000a5");

    protected abstract IAlertStore CreateStore();

    private static Alert NewAlert(string kind, string cause, DateTimeOffset at, Guid? household = null) =>
        new(Guid.CreateVersion7(at), household ?? Home, kind, $"{kind}:{cause}", AlertSeverity.Warning, AlertState.Open, $"{cause} needs you", "Look at it.", "/devices", at);

    private static AlertDelivery DeliveryOf(Alert alert, Guid channelId, DateTimeOffset due) =>
        new(Guid.CreateVersion7(due), alert.HouseholdId, alert.Id, channelId, Sam, alert.OpenedAt, due);

    [Fact]
    public async Task Open_TheSameCauseFromManyWritersAtOnce_IsOneAlertWithOneSetOfDeliveries()
    {
        var store = CreateStore();
        var channel = Guid.NewGuid();
        var attempts = Enumerable.Range(0, 8).Select(i => NewAlert(AlertKinds.DeviceSilent, "kitchen", Now.AddMilliseconds(i))).ToList();

        var results = await Task.WhenAll(attempts.Select(a => store.OpenAsync(a, [DeliveryOf(a, channel, Now)], default)));

        var opened = Assert.Single(results, r => r.Opened);
        Assert.All(results, r => Assert.Equal(opened.Alert.Id, r.Alert.Id));
        Assert.Equal(opened.Alert.Id, Assert.Single(await store.ListAsync(Home, null, 10, default)).Id);
        Assert.Single(await store.ClaimDueAsync(Now, TimeSpan.FromMinutes(1), 10, default));
        Assert.Empty(await store.ListAsync(NextDoor, null, 10, default));
    }

    [Fact]
    public async Task Resolve_FreesAConditionsCause_ButAnEventIsNeverOpenedAgain()
    {
        var store = CreateStore();
        var silent = (await store.OpenAsync(NewAlert(AlertKinds.DeviceSilent, "kitchen", Now), [], default)).Alert;
        var revoked = (await store.OpenAsync(NewAlert(AlertKinds.GatewayRevoked, "shed", Now.AddSeconds(1)), [], default)).Alert;

        Assert.NotNull(await store.ResolveAsync(Home, silent.Id, "back", Now.AddMinutes(1), default));
        Assert.Null(await store.ResolveAsync(Home, silent.Id, "back", Now.AddMinutes(2), default));
        Assert.NotNull(await store.ResolveAsync(Home, revoked.Id, "done", Now.AddMinutes(1), default));

        var again = await store.OpenAsync(NewAlert(AlertKinds.DeviceSilent, "kitchen", Now.AddMinutes(5)), [], default);
        Assert.True(again.Opened);
        Assert.NotEqual(silent.Id, again.Alert.Id);
        var revokedAgain = await store.OpenAsync(NewAlert(AlertKinds.GatewayRevoked, "shed", Now.AddMinutes(5)), [], default);
        Assert.False(revokedAgain.Opened);
        Assert.Equal(revoked.Id, revokedAgain.Alert.Id);

        Assert.Equal([again.Alert.Id], (await store.ListUnresolvedAsync(Home, default)).Select(a => a.Id));
        Assert.Equal([again.Alert.Id, revoked.Id, silent.Id], (await store.ListAsync(Home, null, 10, default)).Select(a => a.Id));
        Assert.Equal([revoked.Id, silent.Id], (await store.ListAsync(Home, AlertState.Resolved, 10, default)).Select(a => a.Id));
    }

    [Fact]
    public async Task Acknowledge_OnceFromOpen_AndEscalate_OncePerStep()
    {
        var store = CreateStore();
        var alert = (await store.OpenAsync(NewAlert(AlertKinds.DoseMissed, "dose-1", Now) with { Severity = AlertSeverity.Urgent }, [], default)).Alert;

        Assert.True(await store.EscalateAsync(Home, alert.Id, 0, [DeliveryOf(alert, Guid.NewGuid(), Now)], default));
        Assert.False(await store.EscalateAsync(Home, alert.Id, 0, [DeliveryOf(alert, Guid.NewGuid(), Now)], default));
        Assert.Single(await store.ListDeliveriesAsync(Home, alert.Id, default));

        var (acknowledged, changed) = await store.AcknowledgeAsync(Home, alert.Id, "sam@willow.test", Now.AddMinutes(3), default);
        Assert.True(changed);
        Assert.Equal(AlertState.Acknowledged, acknowledged!.State);
        Assert.Equal("sam@willow.test", acknowledged.AcknowledgedBy);
        Assert.Equal(1, acknowledged.EscalationStep);
        Assert.False((await store.AcknowledgeAsync(Home, alert.Id, "kim@willow.test", Now.AddMinutes(4), default)).Changed);
        Assert.False(await store.EscalateAsync(Home, alert.Id, 1, [], default));
        Assert.Equal("sam@willow.test", (await store.GetAsync(Home, alert.Id, default))!.AcknowledgedBy);
        Assert.Null((await store.AcknowledgeAsync(NextDoor, alert.Id, "kim@willow.test", Now, default)).Alert);
    }

    [Fact]
    public async Task Claims_GoToOneSenderAtATime_ALapsedClaimIsHandedOutAgain_AndOnlyTheCurrentClaimMarks()
    {
        var store = CreateStore();
        var alert = (await store.OpenAsync(NewAlert(AlertKinds.CapacityLow, "feeder", Now), [], default)).Alert;
        await store.EscalateAsync(Home, alert.Id, 0, [DeliveryOf(alert, Guid.NewGuid(), Now), DeliveryOf(alert, Guid.NewGuid(), Now.AddHours(1))], default);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => store.ClaimDueAsync(Now, TimeSpan.FromMinutes(1), 10, default)));
        var first = Assert.Single(claims.SelectMany(c => c));
        Assert.Equal(1, first.Attempts);
        Assert.Empty(await store.ClaimDueAsync(Now.AddSeconds(59), TimeSpan.FromMinutes(1), 10, default));

        // The sender died: after the lease another takes it; the first sender's late mark is refused.
        var second = Assert.Single(await store.ClaimDueAsync(Now.AddSeconds(61), TimeSpan.FromMinutes(1), 10, default));
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.Attempts);
        Assert.False(await store.MarkSentAsync(first, Now.AddSeconds(62), default));
        Assert.True(await store.MarkSentAsync(second, Now.AddSeconds(62), default));
        Assert.Empty(await store.ClaimDueAsync(Now.AddMinutes(30), TimeSpan.FromMinutes(1), 10, default));

        // The later one: a failure is retried when due; giving up ends it.
        var later = Assert.Single(await store.ClaimDueAsync(Now.AddHours(1), TimeSpan.FromMinutes(1), 10, default));
        Assert.True(await store.MarkFailedAsync(later, Now.AddHours(2), "HTTP 500", default));
        Assert.Empty(await store.ClaimDueAsync(Now.AddHours(1).AddMinutes(5), TimeSpan.FromMinutes(1), 10, default));
        var retried = Assert.Single(await store.ClaimDueAsync(Now.AddHours(2), TimeSpan.FromMinutes(1), 10, default));
        Assert.True(await store.MarkFailedAsync(retried, null, "HTTP 410", default));
        Assert.Empty(await store.ClaimDueAsync(Now.AddDays(2), TimeSpan.FromMinutes(1), 10, default));

        var deliveries = await store.ListDeliveriesAsync(Home, alert.Id, default);
        Assert.Equal([DeliveryState.Sent, DeliveryState.GaveUp], deliveries.Select(d => d.State));
        Assert.Equal("HTTP 410", deliveries[1].LastError);
    }

    [Fact]
    public async Task Channels_AndSettings_AreKeptPerMemberAndHousehold()
    {
        var store = CreateStore();
        var hook = new AlertChannel(Guid.NewGuid(), Home, Sam, ChannelKinds.Webhook, "phone", "https://hooks.example.org/a", "whsec_x", true, Now);
        var mail = new AlertChannel(Guid.NewGuid(), Home, Guid.NewGuid(), ChannelKinds.Email, "mail", "kim@willow.test", null, true, Now.AddSeconds(1));
        await store.SaveChannelAsync(hook, default);
        await store.SaveChannelAsync(mail, default);
        await store.SaveChannelAsync(hook with { Enabled = false, Name = "old phone" }, default);

        Assert.Equal(hook with { Enabled = false, Name = "old phone" }, await store.GetChannelAsync(Home, hook.Id, default));
        Assert.Equal([hook.Id], (await store.ListChannelsAsync(Home, Sam, default)).Select(c => c.Id));
        Assert.Equal([hook.Id, mail.Id], (await store.ListChannelsAsync(Home, null, default)).Select(c => c.Id));
        Assert.Null(await store.GetChannelAsync(NextDoor, hook.Id, default));
        Assert.Contains(Home, await store.HouseholdsWithChannelsAsync(default));
        Assert.True(await store.DeleteChannelAsync(Home, hook.Id, default));
        Assert.False(await store.DeleteChannelAsync(Home, hook.Id, default));

        Assert.Null((await store.GetMemberSettingsAsync(Home, Sam, default)).QuietHours);
        await store.SaveMemberSettingsAsync(Home, Sam, new MemberAlertSettings(new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 30))), default);
        Assert.Equal(new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 30)), (await store.GetMemberSettingsAsync(Home, Sam, default)).QuietHours);
        Assert.Equal(HouseholdAlertSettings.Default, await store.GetHouseholdSettingsAsync(Home, default));
        await store.SaveHouseholdSettingsAsync(Home, new HouseholdAlertSettings(TimeSpan.FromMinutes(5)), default);
        Assert.Equal(TimeSpan.FromMinutes(5), (await store.GetHouseholdSettingsAsync(Home, default)).EscalateAfter);
        Assert.Equal(HouseholdAlertSettings.Default, await store.GetHouseholdSettingsAsync(NextDoor, default));
    }
}
