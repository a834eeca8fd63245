using System.Text.RegularExpressions;
using Willow.Hub.Alerts;
using Willow.Testing;

namespace Willow.Cli.Tests;

/// <summary><c>willow alerts</c> against a real hub: channels, the table of alerts, acknowledging one.</summary>
public sealed partial class AlertCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("cli-alerts");
    private HubHost _hub = null!;

    private string Profile => _directory.File("owner.json");

    public async ValueTask InitializeAsync()
    {
        _hub = await HubHost.StartAsync(_directory);
        var login = await CliRun.RunAsync("login", "--hub", _hub.Url, "--token", _hub.Identity.ApiToken, "--profile", Profile);
        Assert.True(login.ExitCode == 0, login.Error);
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Alerts_ShowsATableWithWhenSeverityStateTitleAndNextStep_AndAckAcknowledges()
    {
        var added = await CliRun.RunAsync("alerts", "channels", "add", "email", "jo@example.org", "--name", "inbox", "--profile", Profile);
        Assert.True(added.ExitCode == 0, added.Error);
        var channels = await CliRun.RunAsync("alerts", "channels", "--profile", Profile);
        Assert.Contains(channels.Out.Split('\n'), l => l.Contains("inbox", StringComparison.Ordinal) && l.Contains("jo@example.org", StringComparison.Ordinal));

        var bad = await CliRun.RunAsync("alerts", "channels", "add", "webhook", "not-a-url", "--profile", Profile);
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Contains("url", Assert.Single(bad.ErrorLines), StringComparison.Ordinal);

        Assert.Equal(0, (await CliRun.RunAsync("gateway", "revoke", HubHost.GatewayId, "--profile", Profile)).ExitCode);
        await _hub.Service<AlertWatch>().EvaluateAsync(default);

        var list = await CliRun.RunAsync("alerts", "--profile", Profile);
        Assert.True(list.ExitCode == 0, list.Error);
        var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(Header().IsMatch(lines[0]), list.Out);
        var row = Assert.Single(lines, l => l.Contains($"Gateway {HubHost.GatewayId} was revoked", StringComparison.Ordinal));
        Assert.Contains("info", row, StringComparison.Ordinal);
        Assert.Contains("open", row, StringComparison.Ordinal);
        Assert.Contains("enrol the home's gateway again", row, StringComparison.Ordinal);

        var id = AlertId().Match(row).Value;
        var ack = await CliRun.RunAsync("alerts", "ack", id, "--profile", Profile);
        Assert.True(ack.ExitCode == 0, ack.Error);
        var acknowledged = await CliRun.RunAsync("alerts", "--state", "acknowledged", "--profile", Profile);
        Assert.Contains(acknowledged.Out.Split('\n'), l => l.Contains(id, StringComparison.Ordinal) && l.Contains("acknowledged", StringComparison.Ordinal));

        var wrongState = await CliRun.RunAsync("alerts", "--state", "closed", "--profile", Profile);
        Assert.Equal(ExitCodes.Usage, wrongState.ExitCode);
        Assert.Single(wrongState.ErrorLines);
    }

    [GeneratedRegex(@"^WHEN\s+SEVERITY\s+STATE\s+TITLE\s+NEXT STEP\s+ID")]
    private static partial Regex Header();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex AlertId();
}
