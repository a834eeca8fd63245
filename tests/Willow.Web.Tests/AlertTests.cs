using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using Willow.Hub.Alerts;
using Willow.Hub.Households;
using Willow.Testing;

namespace Willow.Web.Tests;

/// <summary>Alerts in the dashboard, in Chromium against a real hub, gateway and agents: raised by the hub, seen live, acknowledged; a webhook tested.</summary>
public sealed class AlertTests(AlertBrowser browser) : IClassFixture<AlertBrowser>
{
    [Fact]
    public async Task AMissedDose_AppearsLiveOnHomeAndAlerts_ACaregiverAcknowledgesIt()
    {
        var caregiver = await browser.Home.Hub.AddPersonAsync(HouseholdRole.Caregiver);
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, caregiver.Email, HubSeed.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recent commands" })).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        using var owner = browser.Home.Hub.OwnerClient();
        var openBefore = (await owner.GetFromJsonAsync<List<AlertView>>(browser.Api("alerts?state=open"), JsonOptions))!.Count;

        await browser.MissADoseAsync();

        // Home shows it above the pets, and the Alerts tab counts it, without a reload.
        var urgent = page.GetByTestId("urgent-alerts");
        try
        {
            await Assertions.Expect(urgent).ToContainTextAsync("Juno's", new() { Timeout = 120_000 });
        }
        catch (PlaywrightException)
        {
            // Say what the hub holds, so a failure tells whether the dose, the alert or the page fell short.
            using var debug = browser.Home.Hub.OwnerClient();
            var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
            var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
            Assert.Fail("doses: " + await debug.GetStringAsync(browser.Api($"doses?from={from}&to={to}")) + " alerts: " + await debug.GetStringAsync(browser.Api("alerts"))
                + " gateways: " + await debug.GetStringAsync(browser.Api("gateways")));
        }

        await Assertions.Expect(urgent).ToContainTextAsync("dose of clomipramine was missed");
        await Assertions.Expect(page.GetByTestId("open-alerts")).ToHaveTextAsync($"{openBefore + 1} open");
        await urgent.GetByRole(AriaRole.Link, new() { Name = "See the alert and acknowledge" }).ClickAsync();

        var card = page.GetByTestId("alert").Filter(new() { HasText = "was missed" });
        await Assertions.Expect(card.GetByTestId("alert-severity")).ToHaveTextAsync("!Urgent");
        await Assertions.Expect(card.GetByTestId("alert-state")).ToHaveTextAsync("Open");
        await Assertions.Expect(card).ToContainTextAsync("What to do: Check on the pet");
        await card.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Assertions.Expect(card.GetByTestId("alert-state")).ToHaveTextAsync("Acknowledged");
        await Assertions.Expect(card.GetByTestId("alert-acknowledged")).ToContainTextAsync("is on it");
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);
        if (openBefore == 0)
        {
            await Assertions.Expect(page.GetByTestId("open-alerts")).ToHaveCountAsync(0);
        }
        else
        {
            await Assertions.Expect(page.GetByTestId("open-alerts")).ToHaveTextAsync($"{openBefore} open");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));

        // The hub agrees: acknowledged, by the caregiver.
        var alerts = await owner.GetFromJsonAsync<List<AlertView>>(browser.Api("alerts?state=acknowledged"), JsonOptions);
        Assert.Contains(alerts!, a => a.Kind == AlertKinds.DoseMissed && a.AcknowledgedBy is not null);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AViewer_SeesAnOpenAlertAppear_ButNoAcknowledgeButton()
    {
        // The hub looks at households with regimens or channels; this viewer's webhook makes this one watched.
        await using var receiver = await WebhookReceiver.StartAsync();
        var viewer = await browser.Home.Hub.AddPersonAsync(HouseholdRole.Viewer);
        using (var asViewer = browser.Home.Hub.Client(viewer.Token))
        {
            (await asViewer.PostAsJsonAsync(browser.Api("members/me/channels"), new { kind = "webhook", url = $"{receiver.Url}/willow-hook" })).EnsureSuccessStatusCode();
        }

        var page = await browser.NewPageAsync(1280, 800);
        await Browser.SignInAsync(page, viewer.Email, HubSeed.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { NameRegex = new("^Alerts") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alerts" })).ToBeVisibleAsync();

        // An owner revokes a spare gateway while the viewer watches: the hub opens an alert for it.
        var spare = $"spare-{Guid.NewGuid():N}"[..14];
        using var owner = browser.Home.Hub.OwnerClient();
        (await owner.PostAsJsonAsync(browser.Api("gateways"), new { gatewayId = spare })).EnsureSuccessStatusCode();
        (await owner.PostAsync(browser.Api($"gateways/{spare}/revoke"), JsonContent.Create(new { }))).EnsureSuccessStatusCode();

        var card = page.GetByTestId("alert").Filter(new() { HasText = $"Gateway {spare} was revoked" });
        await Assertions.Expect(card.GetByTestId("alert-state")).ToHaveTextAsync("Open", new() { Timeout = 30_000 });
        await Assertions.Expect(card.GetByTestId("alert-severity")).ToContainTextAsync("For your information");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Caregivers and owners acknowledge alerts." })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task APerson_AddsAWebhook_SeesItsSecretOnce_AndSendATestReachesTheReceiver_Signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var caregiver = await browser.Home.Hub.AddPersonAsync(HouseholdRole.Caregiver);
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, caregiver.Email, HubSeed.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { NameRegex = new("^Alerts") }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Notification settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications" })).ToBeVisibleAsync();

        // A mistake is named at its field before anything is sent.
        await page.GetByLabel("Webhook URL").FillAsync("example.org/hook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        await Assertions.Expect(page.Locator("#channel-url-error")).ToHaveTextAsync("url must be an absolute http:// or https:// address.");

        await page.GetByLabel("Webhook URL").FillAsync($"{receiver.Url}/willow-hook");
        await page.GetByLabel("Name (optional)").FillAsync("Kitchen tablet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        var secretField = page.GetByLabel("Signing secret of Kitchen tablet");
        await Assertions.Expect(secretField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec"));
        var secret = await secretField.InputValueAsync();

        var channel = page.GetByTestId("channel").Filter(new() { HasText = "Kitchen tablet" });
        await channel.GetByRole(AriaRole.Button, new() { Name = "Send a test" }).ClickAsync();
        await Assertions.Expect(channel.GetByTestId("channel-test")).ToHaveTextAsync("Test sent. Check that it arrived.", new() { Timeout = 30_000 });

        var (_, headers, body, _) = Assert.Single(receiver.Requests);
        Assert.Contains("Willow test alert", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.True(WebhookSignature.Verify(secret, headers[WebhookSignature.Header], body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), "the signature checks with the secret shown on screen");

        // The secret is not shown again: a reload shows the channel without it.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("channel").Filter(new() { HasText = "Kitchen tablet" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Signing secret of Kitchen tablet")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);
}
