using System.Text.Json;
using System.Text.RegularExpressions;
using Willow.Testing;

namespace Willow.Cli.Tests;

/// <summary>
/// The first owner of a fresh hub, sign-in with a password, invitations, members, tokens, gateways and the
/// audit log, all through <c>willow</c> against a real hub, as the README tells a person to do it.
/// </summary>
public sealed partial class AccountCommandTests : IAsyncLifetime
{
    private const string Password = "a long enough password";
    private readonly TempDirectory _directory = new("cli-accounts");
    private HubHost _hub = null!;

    private string Owner => _directory.File("owner.json");

    private string Sitter => _directory.File("sitter.json");

    public async ValueTask InitializeAsync() => _hub = await HubHost.StartAsync(_directory);

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task FirstOwner_SignsIn_InvitesASitterForAWeek_WhoJoinsAndFeedsNothingBeyondTheirRole()
    {
        // The first owner is made on the hub's machine, without a running hub's API.
        var add = await CliRun.RunWithInputAsync(
            Password, "users", "add", "--owner", "--email", "jo@example.org", "--name", "Jo", "--household", "Jo's home", "--time-zone", "Europe/Berlin",
            "--password-stdin", "--data-dir", _directory.Path);
        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Contains("Jo's home", add.Out, StringComparison.Ordinal);
        Assert.Matches(ShownOnce(), add.Out);

        var login = await CliRun.RunWithInputAsync(Password, "login", "--hub", _hub.Url, "--email", "jo@example.org", "--password-stdin", "--profile", Owner);
        Assert.True(login.ExitCode == 0, login.Error);
        Assert.Contains("Jo's home", login.Out, StringComparison.Ordinal);

        var invite = await CliRun.RunAsync("invite", "--role", "caregiver", "--until", "2099-12-07", "--note", "Sam, pet sitter", "--profile", Owner);
        Assert.True(invite.ExitCode == 0, invite.Error);
        Assert.Contains("caregiver until end of 2099-12-07", invite.Out, StringComparison.Ordinal);
        var code = Assert.Single(InvitationCode().Matches(invite.Out).Select(m => m.Value).Distinct());

        var signup = await CliRun.RunWithInputAsync(Password, "signup", "--hub", _hub.Url, "--email", "sam@example.org", "--name", "Sam", "--password-stdin", "--profile", Sitter);
        Assert.True(signup.ExitCode == 0, signup.Error);
        var join = await CliRun.RunAsync("join", code, "--profile", Sitter);
        Assert.True(join.ExitCode == 0, join.Error);
        Assert.Contains("caregiver", join.Out, StringComparison.Ordinal);

        // The same code does not work twice.
        var again = await CliRun.RunAsync("join", code, "--profile", Sitter);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("used already", again.Error, StringComparison.Ordinal);

        var members = await CliRun.RunAsync("members", "--profile", Owner);
        Assert.Contains(members.Out.Split('\n'), l => l.Contains("sam@example.org", StringComparison.Ordinal) && l.Contains("caregiver", StringComparison.Ordinal) && l.Contains("end of 2099-12-07", StringComparison.Ordinal));

        // A caregiver cannot invite: exit code 4 and the reason.
        var refused = await CliRun.RunAsync("invite", "--role", "viewer", "--profile", Sitter);
        Assert.Equal(ExitCodes.NotAllowed, refused.ExitCode);
        Assert.Single(refused.ErrorLines);

        var audit = await CliRun.RunAsync("audit", "--profile", Owner);
        Assert.True(audit.ExitCode == 0, audit.Error);
        Assert.Contains(audit.Out.Split('\n'), l => l.Contains("member.joined", StringComparison.Ordinal) && l.Contains("sam@example.org", StringComparison.Ordinal));
        Assert.Contains(audit.Out.Split('\n'), l => l.Contains("invitation.created", StringComparison.Ordinal) && l.Contains("jo@example.org", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_WrongPassword_Exit4_AndNoProfileWritten()
    {
        var run = await CliRun.RunWithInputAsync("not the password", "login", "--hub", _hub.Url, "--email", HubSeed.OwnerEmail, "--password-stdin", "--profile", Owner);

        Assert.Equal(ExitCodes.NotAllowed, run.ExitCode);
        Assert.Contains("Wrong e-mail or password", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Owner));
    }

    [Fact]
    public async Task Tokens_CreateListRevoke_AndLogoutRevokesTheCliToken()
    {
        Assert.Equal(0, (await CliRun.RunWithInputAsync(HubSeed.Password, "login", "--hub", _hub.Url, "--email", HubSeed.OwnerEmail, "--password-stdin", "--profile", Owner)).ExitCode);

        var create = await CliRun.RunAsync("tokens", "create", "home assistant", "--days", "30", "--profile", Owner);
        Assert.True(create.ExitCode == 0, create.Error);
        var secret = Assert.Single(PersonToken().Matches(create.Out)).Value;

        var list = await CliRun.RunAsync("tokens", "list", "--profile", Owner);
        Assert.Contains("home assistant", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Out, StringComparison.Ordinal);

        using (var withIt = _hub.Client(secret))
        {
            Assert.True((await withIt.GetAsync("api/v1/account")).IsSuccessStatusCode);
        }

        var id = list.Out.Split('\n').Single(l => l.Contains("home assistant", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .First(part => Guid.TryParse(part, out _));
        Assert.Equal(0, (await CliRun.RunAsync("tokens", "revoke", id, "--profile", Owner)).ExitCode);
        using (var revoked = _hub.Client(secret))
        {
            Assert.Equal(global::System.Net.HttpStatusCode.Unauthorized, (await revoked.GetAsync("api/v1/account")).StatusCode);
        }

        var cliToken = JsonDocument.Parse(await File.ReadAllTextAsync(Owner)).RootElement.GetProperty("token").GetString();
        Assert.Equal(0, (await CliRun.RunAsync("logout", "--profile", Owner)).ExitCode);
        using var afterLogout = _hub.Client(cliToken);
        Assert.Equal(global::System.Net.HttpStatusCode.Unauthorized, (await afterLogout.GetAsync("api/v1/account")).StatusCode);
    }

    [Fact]
    public async Task GatewayAdd_EnrollOnThePi_ListShowsItEnrolled_RevokeEndsIt()
    {
        Assert.Equal(0, (await CliRun.RunAsync("login", "--hub", _hub.Url, "--token", _hub.Identity.ApiToken, "--profile", Owner)).ExitCode);

        var add = await CliRun.RunAsync("gateway", "add", "garage", "--profile", Owner);
        Assert.True(add.ExitCode == 0, add.Error);
        var command = add.Out.Split('\n').Single(l => l.Contains("willow gateway enroll", StringComparison.Ordinal));
        var code = Regex.Match(command, @"--code (\S+)").Groups[1].Value;

        var piData = _directory.Sub("pi");
        var enroll = await CliRun.RunAsync("gateway", "enroll", "--hub", _hub.Url, "--code", code, "--data-dir", piData);
        Assert.True(enroll.ExitCode == 0, enroll.Error);
        var credentials = Path.Combine(piData, "hub-credentials.json");
        Assert.True(File.Exists(credentials));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
        }
        var token = JsonDocument.Parse(await File.ReadAllTextAsync(credentials)).RootElement.GetProperty("token").GetString()!;
        Assert.DoesNotContain(token, enroll.Out, StringComparison.Ordinal);

        var twice = await CliRun.RunAsync("gateway", "enroll", "--hub", _hub.Url, "--code", code, "--data-dir", _directory.Sub("other-pi"));
        Assert.NotEqual(0, twice.ExitCode);
        Assert.Single(twice.ErrorLines);

        var list = await CliRun.RunAsync("gateway", "list", "--profile", Owner);
        Assert.Contains(list.Out.Split('\n'), l => l.Contains("garage", StringComparison.Ordinal) && l.Contains("enrolled", StringComparison.Ordinal));

        Assert.Equal(0, (await CliRun.RunAsync("gateway", "revoke", "garage", "--profile", Owner)).ExitCode);
        list = await CliRun.RunAsync("gateway", "list", "--profile", Owner);
        Assert.Contains(list.Out.Split('\n'), l => l.Contains("garage", StringComparison.Ordinal) && l.Contains("revoked", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"shown this once\): (?<token>wlw_\S+)")]
    private static partial Regex ShownOnce();

    [GeneratedRegex(@"\bwlw_\S+")]
    private static partial Regex PersonToken();

    [GeneratedRegex(@"\b[0-9A-Z]{4}(-[0-9A-Z]{4}){2,}\b")]
    private static partial Regex InvitationCode();
}
