using System.CommandLine;
using Willow.Cli.Output;
using Willow.Gateway.Enrollment;
using Willow.Hosting;

namespace Willow.Cli.Client;

/// <summary>
/// Connecting a home's gateway: an owner runs <c>willow gateway add ID</c> anywhere and gets a one-time code;
/// on the gateway, <c>willow gateway enroll --hub URL --code CODE</c> trades it for the token the gateway keeps.
/// Also <c>code</c> (a replaced Pi), <c>revoke</c>, <c>list</c>, and <c>key</c> (a new home key for the LAN).
/// </summary>
public static class GatewayCommands
{
    public static IEnumerable<Command> All(Terminal terminal, TimeProvider time) =>
        [Add(terminal), Code(terminal), Revoke(terminal), List(terminal), Enroll(terminal, time), Key(terminal)];

    /// <summary>A new home key, to put in the gateway's and every agent's configuration.</summary>
    private static Command Key(Terminal terminal)
    {
        var command = new Command("key", "Print a new home key (base64, 32 random bytes): the same value goes in Gateway:HomeKey and every agent's Agent:HomeKey.");
        command.SetAction(_ =>
        {
            terminal.Line(Core.Security.HomeKey.Generate());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add(Terminal terminal)
    {
        var connection = new ClientOptions();
        var id = new Argument<string>("id") { Description = "The gateway's id in the household, e.g. home." };
        var command = new Command("add", "Add a gateway to the household (owners); prints its one-time enrolment code.") { id };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                PrintCode(terminal, await client.CreateGatewayAsync(householdId, parse.GetValue(id)!, ct));
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command Code(Terminal terminal)
    {
        var connection = new ClientOptions();
        var id = new Argument<string>("id") { Description = "The gateway's id." };
        var command = new Command("code", "A new one-time code for a gateway, e.g. for a replacement Pi (owners).") { id };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                PrintCode(terminal, await client.GatewayCodeAsync(householdId, parse.GetValue(id)!, ct));
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command Revoke(Terminal terminal)
    {
        var connection = new ClientOptions();
        var id = new Argument<string>("id") { Description = "The gateway's id." };
        var command = new Command("revoke", "Revoke a gateway's token and disconnect it at once (owners); a lost or stolen Pi.") { id };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var gateway = await client.RevokeGatewayAsync(householdId, parse.GetValue(id)!, ct);
                terminal.Line($"Revoked gateway {gateway.Id}: its token no longer works and its connection is closed.");
                terminal.Line($"To connect a new gateway: willow gateway add NEW-ID");
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command List(Terminal terminal)
    {
        var connection = new ClientOptions();
        var command = new Command("list", "The household's gateways: waiting for enrolment, enrolled or revoked, connected or not.");
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var table = new Table("Gateway", "Status", "Connected", "Enrolled", "Code expires");
                foreach (var g in await client.GatewaysAsync(householdId, ct))
                {
                    table.Add(
                        (g.Id, TerminalColor.None),
                        (g.Status, g.Status == "revoked" ? TerminalColor.Red : g.Status == "waiting" ? TerminalColor.Yellow : TerminalColor.None),
                        (g.Connected ? "yes" : "no", g.Connected ? TerminalColor.Green : TerminalColor.None),
                        (AccountCommands.Day(g.EnrolledAt), TerminalColor.None),
                        (g.CodeExpiresAt is { } at ? at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "—", TerminalColor.None));
                }

                table.WriteTo(terminal);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command Enroll(Terminal terminal, TimeProvider time)
    {
        var hub = new Option<string>("--hub") { Description = "The hub's address.", Required = true };
        var code = new Option<string>("--code") { Description = "The one-time code from 'willow gateway add'.", Required = true };
        var dataDir = new Option<string>("--data-dir") { Description = "The gateway's data directory (as given to 'willow gateway --data-dir')." };
        var config = new Option<string>("--config") { Description = "The gateway's configuration file (its Gateway:DataDirectory is used)." };
        var force = new Option<bool>("--force") { Description = "Replace credentials this gateway already has (a new code for the same Pi)." };
        var command = new Command("enroll", "On the gateway: trade a one-time code for the token this gateway keeps in its data directory.")
        {
            hub, code, dataDir, config, force,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(hub), UriKind.Absolute, out var hubUrl) || hubUrl.Scheme is not ("http" or "https"))
            {
                throw new CliException($"--hub '{parse.GetValue(hub)}' is not an http(s) address.", ExitCodes.Usage);
            }

            var configFile = parse.GetValue(config);
            if (configFile is not null && !File.Exists(configFile))
            {
                throw new CliException($"The configuration file {configFile} does not exist.", ExitCodes.Usage);
            }

            var directory = parse.GetValue(dataDir) is { } d
                ? Path.GetFullPath(d)
                : WillowHost.ReadConfiguration(new RoleSettings(configFile))["Gateway:DataDirectory"] ?? "/var/lib/willow/gateway";
            var existing = GatewayCredentials.PathIn(directory);
            if (File.Exists(existing) && !parse.GetValue(force))
            {
                throw new CliException($"This gateway is enrolled already ({existing}). To enrol it again with a new code, add --force.", ExitCodes.Usage);
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            GatewayCredentials credentials;
            try
            {
                credentials = await HubEnrollment.EnrollAsync(http, hubUrl, parse.GetValue(code)!, time, ct);
            }
            catch (EnrollmentRefusedException ex)
            {
                throw new CliException($"The hub did not accept the code: {ex.Message}", ex.Status == 429 ? ExitCodes.Failure : ExitCodes.Usage);
            }
            catch (HttpRequestException ex)
            {
                throw new CliException($"Cannot reach the hub at {hubUrl}: {ex.Message}.", ExitCodes.Unreachable);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new CliException($"The hub at {hubUrl} did not answer within 30 s.", ExitCodes.Unreachable);
            }

            try
            {
                credentials.Save(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The code is spent; the owner has to make a new one.
                throw new CliException($"Enrolled, but could not write {existing}: {ex.Message}. Ask an owner for a new code (willow gateway code {credentials.GatewayId}) and enrol again.");
            }

            terminal.Line($"Enrolled gateway '{credentials.GatewayId}' of household {credentials.HouseholdId} with {credentials.HubUrl}.");
            terminal.Line($"Its token is in {existing} (readable by this user only).");
            terminal.Line($"Next: willow gateway --data-dir {directory} --home-key … --agent DEVICE-ID=URL …   (or run the willow-gateway service)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void PrintCode(Terminal terminal, Hub.Gateways.GatewayEnrollmentCode code)
    {
        terminal.Line($"Gateway '{code.GatewayId}' is waiting to enrol. Its one-time code (valid until {code.ExpiresAt.ToLocalTime():HH:mm}):");
        terminal.Line();
        terminal.Line($"  {terminal.Paint(code.Code, TerminalColor.Bold)}");
        terminal.Line();
        terminal.Line("On the gateway, run:");
        terminal.Line($"  {code.Command}");
    }
}
