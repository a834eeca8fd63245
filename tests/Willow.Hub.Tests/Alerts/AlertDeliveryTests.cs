using System.Text.Json;
using Willow.Hub.Alerts;
using Willow.Testing;

namespace Willow.Hub.Tests.Alerts;

/// <summary>From a missed dose to a person's webhook and push topic: once per channel, signed, retried, across a restart.</summary>
public sealed class AlertDeliveryTests
{
    [Fact]
    public async Task NtfyChannel_TurnedOffAndOnWithoutItsToken_KeepsTheToken()
    {
        await using var ntfy = await WebhookReceiver.StartAsync();
        await using var home = await AlertHome.StartAsync(withRegimen: false);
        using var owner = home.Hub.OwnerClient();
        var channel = await home.AddChannelAsync(owner, $$"""{"kind":"ntfy","url":"{{ntfy.Url}}/juno-meds","token":"tk_secret"}""");
        var path = $"api/v1/households/{home.Hub.HouseholdId}/members/me/channels/{channel.Id}";

        // The dashboard's on/off switch sends the channel back without the token it never saw.
        using (var off = await owner.SendJsonAsync(HttpMethod.Put, path, $$"""{"kind":"ntfy","url":"{{ntfy.Url}}/juno-meds","enabled":false}"""))
        {
            off.EnsureSuccessStatusCode();
        }

        using (var on = await owner.SendJsonAsync(HttpMethod.Put, path, $$"""{"kind":"ntfy","url":"{{ntfy.Url}}/juno-meds","enabled":true}"""))
        {
            on.EnsureSuccessStatusCode();
        }

        using var test = await owner.PostJsonAsync($"{path}/test", "{}");
        test.EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => ntfy.Accepted.Count == 1, "the test push");
        Assert.Equal("Bearer tk_secret", ntfy.Accepted[0].Header("Authorization"));
    }

    [Fact]
    public async Task MissedDose_OneAlertPerChannel_AWebhookThatFailsTwiceGetsItOnce_Signed()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var ntfy = await WebhookReceiver.StartAsync();
        await using var home = await AlertHome.StartAsync();
        using var owner = home.Hub.OwnerClient();
        var hook = await home.AddChannelAsync(owner, $$"""{"kind":"webhook","name":"phone","url":"{{webhook.Url}}/hook"}""");
        await home.AddChannelAsync(owner, $$"""{"kind":"ntfy","url":"{{ntfy.Url}}/juno-meds"}""");
        webhook.FailNext(2);

        await home.MissFirstDoseAsync();
        Assert.Equal(1, await home.EvaluateAsync());
        Assert.Equal(0, await home.EvaluateAsync());

        // ntfy: once, with ntfy's own headers.
        await Eventually.WaitAsync(() => ntfy.Accepted.Count == 1, "the ntfy topic to get the alert");
        var push = ntfy.Accepted[0];
        Assert.Equal("/juno-meds", push.Path);
        Assert.Equal("5", push.Header("Priority"));
        Assert.Equal("https://willow.example.org/doses", push.Header("Click"));
        Assert.Contains("clomipramine", push.Header("Title"), StringComparison.Ordinal);
        Assert.Contains("rotating_light", push.Header("Tags"), StringComparison.Ordinal);

        // The webhook answers 500 twice; each retry waits longer (5 s, then 10 s).
        await Eventually.WaitAsync(() => webhook.Requests.Count == 1, "the first webhook attempt");
        await home.AdvanceAsync(TimeSpan.FromSeconds(5));
        await home.DeliverAsync();
        await Eventually.WaitAsync(() => webhook.Requests.Count == 2, "the second webhook attempt");
        await home.AdvanceAsync(TimeSpan.FromSeconds(9));
        await home.DeliverAsync();
        Assert.Equal(2, webhook.Requests.Count);
        await home.AdvanceAsync(TimeSpan.FromSeconds(1));
        await home.DeliverAsync();
        await Eventually.WaitAsync(() => webhook.Accepted.Count == 1, "the webhook to take the alert");
        await home.AdvanceAsync(TimeSpan.FromHours(1));
        await home.DeliverAsync();
        Assert.Equal(3, webhook.Requests.Count);
        Assert.Single(webhook.Accepted);
        Assert.Single(ntfy.Requests);

        var delivered = webhook.Accepted[0];
        Assert.Single(webhook.Requests.Select(r => r.Header(WebhookSender.DeliveryIdHeader)).Distinct());
        Assert.True(WebhookSignature.Verify(hook.Secret!, delivered.Header(WebhookSignature.Header), delivered.Body, home.Time.GetUtcNow(), TimeSpan.FromHours(2)));
        Assert.False(WebhookSignature.Verify("whsec_wrong", delivered.Header(WebhookSignature.Header), delivered.Body, home.Time.GetUtcNow(), TimeSpan.FromHours(2)));
        var payload = JsonSerializer.Deserialize(delivered.Body, HubJsonContext.Default.WebhookPayload)!;
        Assert.Equal(Guid.Parse(delivered.Header(WebhookSender.DeliveryIdHeader)), payload.DeliveryId);
        Assert.Equal(AlertKinds.DoseMissed, payload.Alert.Kind);
        Assert.Equal("urgent", payload.Alert.Severity);
        Assert.Equal("https://willow.example.org/doses", payload.Alert.Link);
        Assert.False(string.IsNullOrWhiteSpace(payload.Alert.NextStep));

        var alerts = await home.AlertsAsync(owner);
        Assert.Equal(payload.Alert.Id, Assert.Single(alerts).Id);

        // And an operator sees it in /metrics.
        using var anonymous = new HttpClient { BaseAddress = new Uri(home.Hub.Url + "/") };
        var metrics = await Eventually.WaitAsync(
            () => anonymous.GetStringAsync("metrics"),
            t => PrometheusText.Value(t, "willow_hub_alert_deliveries_total", ("channel", "webhook"), ("outcome", "sent")) >= 1,
            "the webhook delivery in /metrics");
        Assert.True(PrometheusText.Value(metrics, "willow_hub_alerts_total", ("kind", "dose-missed"), ("severity", "urgent")) >= 1);
        Assert.True(PrometheusText.Value(metrics, "willow_hub_alert_deliveries_total", ("channel", "webhook"), ("outcome", "failed")) >= 2);
    }

    [Fact]
    public async Task HubStoppedBetweenQueuedAndSent_SendsItExactlyOnceAfterRestart_WithTheSameDeliveryId()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var home = await AlertHome.StartAsync();
        using (var owner = home.Hub.OwnerClient())
        {
            await home.AddChannelAsync(owner, $$"""{"kind":"webhook","url":"{{webhook.Url}}/hook"}""");
        }

        // The first hub claims the delivery and is stopped while the receiver has not answered: never marked sent.
        webhook.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await home.MissFirstDoseAsync();
        Assert.Equal(1, await home.EvaluateAsync());
        await Eventually.WaitAsync(() => webhook.Arrivals == 1, "the first hub to start sending");
        await home.RestartHubAsync();
        webhook.Hold = null;

        // The second hub sees the same alert (not a new one) and waits out the first hub's claim.
        Assert.Equal(0, await home.EvaluateAsync());
        Assert.Equal(0, await home.DeliverAsync());
        Assert.Empty(webhook.Accepted);
        await home.AdvanceAsync(TimeSpan.FromSeconds(61));
        await home.DeliverAsync();
        await Eventually.WaitAsync(() => webhook.Accepted.Count == 1, "the second hub to send it");
        await home.AdvanceAsync(TimeSpan.FromMinutes(30));
        await home.DeliverAsync();

        Assert.Single(webhook.Accepted);
        using var client = home.Hub.OwnerClient();
        var alert = Assert.Single(await home.AlertsAsync(client));
        var delivery = Assert.Single(await home.Store.ListDeliveriesAsync(home.HouseholdId, alert.Id, default));
        Assert.Equal(DeliveryState.Sent, delivery.State);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(delivery.Id.ToString(), webhook.Accepted[0].Header(WebhookSender.DeliveryIdHeader));
    }

    [Fact]
    public async Task QuietHours_HoldBackALowCapacityWarning_ButNotAMissedDose()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var home = await AlertHome.StartAsync();
        using var owner = home.Hub.OwnerClient();
        await home.AddChannelAsync(owner, $$"""{"kind":"webhook","url":"{{webhook.Url}}/hook"}""");
        using (var quiet = await owner.SendJsonAsync(HttpMethod.Put, $"api/v1/households/{home.HouseholdId}/members/me/alert-settings", """{"quietHours":{"from":"22:00","to":"08:30"}}"""))
        {
            quiet.EnsureSuccessStatusCode();
        }

        // 06:00 in Berlin: one portion left covers the 07:00 dose, not the 15:00 one.
        using (var refill = await owner.PostJsonAsync(home.Hub.DevicePath(AlertHome.Dispenser) + "/refill", """{"capacity":10,"remaining":1}"""))
        {
            refill.EnsureSuccessStatusCode();
        }

        Assert.Equal(1, await home.EvaluateAsync());
        await home.DeliverAsync();
        Assert.Empty(webhook.Requests);

        await home.MissFirstDoseAsync();
        await home.EvaluateAsync();
        await Eventually.WaitAsync(() => webhook.Accepted.Count == 1, "the missed dose to go through quiet hours");
        Assert.Equal(AlertKinds.DoseMissed, Kind(webhook.Accepted[0]));

        // 08:30 in Berlin: the warning goes out.
        await home.SetTimeAsync(new DateTimeOffset(2026, 12, 1, 7, 29, 0, TimeSpan.Zero));
        await home.DeliverAsync();
        Assert.Single(webhook.Requests);
        await home.SetTimeAsync(new DateTimeOffset(2026, 12, 1, 7, 30, 0, TimeSpan.Zero));
        await home.DeliverAsync();
        await Eventually.WaitAsync(() => webhook.Accepted.Count == 2, "the held-back warning after quiet hours");
        Assert.Equal(AlertKinds.CapacityLow, Kind(webhook.Accepted[1]));
    }

    [Fact]
    public async Task UrgentAlertNotAcknowledged_GoesToTheNextMemberAfterTheEscalationDelay()
    {
        await using var ownerHook = await WebhookReceiver.StartAsync();
        await using var caregiverHook = await WebhookReceiver.StartAsync();
        await using var home = await AlertHome.StartAsync();
        using var owner = home.Hub.OwnerClient();
        var sitter = await home.Hub.AddPersonAsync(Willow.Hub.Households.HouseholdRole.Caregiver);
        using var caregiver = home.Hub.Client(sitter.Token);
        await home.AddChannelAsync(owner, $$"""{"kind":"webhook","url":"{{ownerHook.Url}}/owner"}""");
        await home.AddChannelAsync(caregiver, $$"""{"kind":"webhook","url":"{{caregiverHook.Url}}/sitter"}""");
        using (var setting = await owner.SendJsonAsync(HttpMethod.Put, $"api/v1/households/{home.HouseholdId}/alert-settings", """{"escalateAfter":"00:10:00"}"""))
        {
            setting.EnsureSuccessStatusCode();
        }

        await home.MissFirstDoseAsync();
        await home.EvaluateAsync();
        await Eventually.WaitAsync(() => ownerHook.Accepted.Count == 1, "the owner to hear first");
        Assert.Empty(caregiverHook.Requests);

        await home.AdvanceAsync(TimeSpan.FromMinutes(9));
        await home.EvaluateAsync();
        await home.DeliverAsync();
        Assert.Empty(caregiverHook.Requests);

        await home.AdvanceAsync(TimeSpan.FromMinutes(1));
        await home.EvaluateAsync();
        await Eventually.WaitAsync(() => caregiverHook.Accepted.Count == 1, "the caregiver to hear after ten minutes");
        Assert.Equal(AlertKinds.DoseMissed, Kind(caregiverHook.Accepted[0]));
        Assert.Single(ownerHook.Requests);

        // The caregiver acknowledges: nobody else is told, and the owner can see who took it.
        var alert = Assert.Single(await home.AlertsAsync(owner));
        Assert.Equal(1, alert.EscalationStep);
        using var ack = await caregiver.PostAsync($"api/v1/households/{home.HouseholdId}/alerts/{alert.Id}/acknowledge", null);
        ack.EnsureSuccessStatusCode();
        var acknowledged = Assert.Single(await home.AlertsAsync(owner, "?state=acknowledged"));
        Assert.Equal(sitter.Email, acknowledged.AcknowledgedBy);
    }

    [Fact]
    public async Task TheSameCauseTwice_IsOneAlert_AndASilentDeviceResolvesWhenItComesBack()
    {
        await using var home = await AlertHome.StartAsync();
        using var owner = home.Hub.OwnerClient();
        await home.Gateway.ReportDevicesAsync((AlertHome.Dispenser, Core.Commands.Capability.Dispenser, false));
        home.Time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(1, await home.EvaluateAsync());
        Assert.Equal(0, await home.EvaluateAsync());
        var silent = Assert.Single(await home.AlertsAsync(owner, "?state=open"));
        Assert.Equal(AlertKinds.DeviceSilent, silent.Kind);
        Assert.Equal("warning", silent.Severity);

        await home.Gateway.ReportDevicesAsync((AlertHome.Dispenser, Core.Commands.Capability.Dispenser, true));
        await home.EvaluateAsync();
        Assert.Empty(await home.AlertsAsync(owner, "?state=open"));
        var resolved = Assert.Single(await home.AlertsAsync(owner, "?state=resolved"));
        Assert.Equal(silent.Id, resolved.Id);
        Assert.NotNull(resolved.ResolvedAt);

        // It goes quiet again: that is a new alert.
        await home.Gateway.ReportDevicesAsync((AlertHome.Dispenser, Core.Commands.Capability.Dispenser, false));
        home.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, await home.EvaluateAsync());
        Assert.Equal(2, (await home.AlertsAsync(owner)).Count);
    }

    [Fact]
    public async Task DispenseThatFailsOrMayHaveDropped_IsAnAlertNamingTheDispenserAsPeopleKnowIt()
    {
        // A household with a course of medication is watched; the treat dispensed here is no dose of it (outside its window).
        await using var home = await AlertHome.StartAsync();
        using var owner = home.Hub.OwnerClient();
        await home.Gateway.ReportDevicesAsync(
            new Core.Protocol.DeviceReport(AlertHome.Dispenser, "Pill dispenser", [Core.Commands.Capability.Dispenser], true, DateTimeOffset.UtcNow, "test"));

        var jammed = await home.Hub.IssueAsync(AlertHome.Dispenser);
        await home.Gateway.ReportAsync(jammed.Id, Core.Commands.CommandState.Executing);
        await home.Gateway.ReportAsync(jammed.Id, Core.Commands.CommandState.Failed, Core.Commands.EventSource.Agent, "No drop seen: the dispenser is empty or jammed.");
        Assert.Equal(1, await home.EvaluateAsync());
        var failed = Assert.Single(await home.AlertsAsync(owner, "?state=open"));
        Assert.Equal(AlertKinds.CommandFailed, failed.Kind);
        Assert.Equal("Pill dispenser failed to dispense", failed.Title);
        Assert.Equal("warning", failed.Severity); // a treat, not a dose

        var cut = await home.Hub.IssueAsync(AlertHome.Dispenser);
        await home.Gateway.ReportAsync(cut.Id, Core.Commands.CommandState.Executing);
        await home.Gateway.ReportAsync(cut.Id, Core.Commands.CommandState.Uncertain, detail: "The agent did not answer after the servo may have moved.");
        Assert.Equal(1, await home.EvaluateAsync());
        var uncertain = Assert.Single(await home.AlertsAsync(owner, "?state=open"), a => a.Kind == AlertKinds.CommandUncertain);
        Assert.Equal("Pill dispenser may or may not have dispensed", uncertain.Title);
        Assert.Equal(0, await home.EvaluateAsync());
    }

    [Fact]
    public async Task AHomeWithOnlyATreatDispenserAndNoChannel_StillSeesItGoQuietOnTheDashboard()
    {
        await using var home = await AlertHome.StartAsync(withRegimen: false);
        using var owner = home.Hub.OwnerClient();
        await home.Gateway.ReportDevicesAsync((AlertHome.Dispenser, Core.Commands.Capability.Dispenser, false));
        home.Time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(1, await home.EvaluateAsync());
        Assert.Equal(AlertKinds.DeviceSilent, Assert.Single(await home.AlertsAsync(owner, "?state=open")).Kind);
    }

    private static string Kind(ReceivedRequest request) =>
        JsonSerializer.Deserialize(request.Body, HubJsonContext.Default.WebhookPayload)!.Alert.Kind;
}
