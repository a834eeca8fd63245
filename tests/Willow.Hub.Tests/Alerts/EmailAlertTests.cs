using System.Net.Http.Json;
using Willow.Hub.Alerts;
using Willow.Testing;

namespace Willow.Hub.Tests.Alerts;

/// <summary>E-mail alerts through a real SMTP server on loopback, read back with MimeKit.</summary>
public sealed class EmailAlertTests
{
    [Fact]
    public async Task MissedDose_ArrivesAsAnEmail_ToTheMembersAddress_WithTheNextStepAndTheLink()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        await using var home = await AlertHome.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:Smtp:Host"] = "127.0.0.1",
            ["Alerts:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:Smtp:Security"] = "None",
            ["Alerts:Smtp:From"] = "alerts@willow.test",
        });
        using var owner = home.Hub.OwnerClient();
        var channel = await home.AddChannelAsync(owner, """{"kind":"email","name":"inbox","email":"sam@willow.test"}""");
        Assert.Null(channel.Secret);

        // "Send a test" answers with what the server said.
        using (var test = await owner.PostAsync($"api/v1/households/{home.HouseholdId}/members/me/channels/{channel.Id}/test", null))
        {
            var result = (await test.Content.ReadFromJsonAsync(HubJsonContext.Default.ChannelTestResult))!;
            Assert.True(result.Sent, result.Error);
        }

        var probe = Assert.Single(smtp.Messages);
        Assert.StartsWith("[test]", probe.Subject, StringComparison.Ordinal);

        await home.MissFirstDoseAsync();
        await home.EvaluateAsync();
        await Eventually.WaitAsync(() => smtp.Messages.Count == 2, "the alert's e-mail");
        var mail = smtp.Messages.Last();
        Assert.Equal("sam@willow.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("alerts@willow.test", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Contains("Juno", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("missed", mail.Subject, StringComparison.Ordinal);
        var alert = Assert.Single(await home.AlertsAsync(owner));
        Assert.Contains(alert.NextStep, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://willow.example.org/doses", mail.TextBody, StringComparison.Ordinal);
        var delivery = Assert.Single(await home.Store.ListDeliveriesAsync(home.HouseholdId, alert.Id, default));
        Assert.Equal($"{delivery.Id}@willow", mail.MessageId);
        Assert.Equal(DeliveryState.Sent, (await Eventually.WaitAsync(
            async () => (await home.Store.ListDeliveriesAsync(home.HouseholdId, alert.Id, default))[0], d => d.State == DeliveryState.Sent, "the delivery to be marked sent")).State);
    }

    [Fact]
    public async Task NoSmtpServerConfigured_TheTestSaysSo()
    {
        await using var home = await AlertHome.StartAsync(withRegimen: false);
        using var owner = home.Hub.OwnerClient();
        var channel = await home.AddChannelAsync(owner, """{"kind":"email","email":"sam@willow.test"}""");
        using var test = await owner.PostAsync($"api/v1/households/{home.HouseholdId}/members/me/channels/{channel.Id}/test", null);
        var result = (await test.Content.ReadFromJsonAsync(HubJsonContext.Default.ChannelTestResult))!;
        Assert.False(result.Sent);
        Assert.Contains("Alerts:Smtp:Host", result.Error, StringComparison.Ordinal);
    }
}
