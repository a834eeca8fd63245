using System.CommandLine;
using Willow.Cli.Output;
using Willow.Hub.Alerts;

namespace Willow.Cli.Client;

/// <summary>
/// <c>willow alerts</c>: what needs attention, newest first, on the household's clock; <c>alerts ack ID</c>; and the
/// caller's channels (<c>alerts channels</c>, <c>… add webhook|ntfy|email</c>, <c>… test ID</c>, <c>… remove ID</c>).
/// </summary>
public static class AlertCommands
{
    public static Command Alerts(Terminal terminal)
    {
        var connection = new ClientOptions();
        var state = new Option<string>("--state") { Description = "Only alerts in this state: open, acknowledged or resolved." };
        var limit = new Option<int>("--limit") { Description = "At most this many (1–200).", DefaultValueFactory = _ => 20 };
        var command = new Command("alerts", "Alerts newest first: when, severity, state, title and what to do next.") { state, limit };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var clock = await HouseholdClock.ForAsync(client, householdId, ct);
                var alerts = await client.AlertsAsync(householdId, parse.GetValue(state), parse.GetValue(limit), ct);
                if (alerts.Count == 0)
                {
                    terminal.Line("No alerts.");
                    return ExitCodes.Success;
                }

                var table = new Table("When", "Severity", "State", "Title", "Next step", "Id");
                foreach (var a in alerts)
                {
                    table.Add(
                        (clock.Format(a.OpenedAt), TerminalColor.None),
                        (a.Severity, a.Severity switch { "urgent" => TerminalColor.Red, "warning" => TerminalColor.Yellow, _ => TerminalColor.None }),
                        (a.State, a.State == "open" ? TerminalColor.Bold : TerminalColor.None),
                        (a.Title, TerminalColor.None),
                        (a.NextStep, TerminalColor.None),
                        (a.Id.ToString(), TerminalColor.None));
                }

                table.WriteTo(terminal);
                return ExitCodes.Success;
            }
        });
        command.Subcommands.Add(Acknowledge(terminal));
        command.Subcommands.Add(Channels(terminal));
        return command;
    }

    private static Command Acknowledge(Terminal terminal)
    {
        var connection = new ClientOptions();
        var id = new Argument<string>("id") { Description = "The alert's id (from 'willow alerts')." };
        var command = new Command("ack", "Acknowledge an alert: someone is on it, it stops escalating (caregivers and owners).") { id };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var alertId = ParseId(parse.GetValue(id)!, "alert");
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var alert = await client.AcknowledgeAlertAsync(householdId, alertId, ct);
                terminal.Line($"Acknowledged: {alert.Title} (by {alert.AcknowledgedBy}).");
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command Channels(Terminal terminal)
    {
        var connection = new ClientOptions();
        var command = new Command("channels", "Your alert channels in this household.");
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var table = new Table("Id", "Kind", "Name", "Where", "On");
                foreach (var c in await client.ChannelsAsync(householdId, ct))
                {
                    table.Add(
                        (c.Id.ToString(), TerminalColor.None), (c.Kind, TerminalColor.None), (c.Name, TerminalColor.None),
                        (c.Email ?? c.Url ?? "", TerminalColor.None), (c.Enabled ? "yes" : "no", c.Enabled ? TerminalColor.Green : TerminalColor.Yellow));
                }

                table.WriteTo(terminal);
                return ExitCodes.Success;
            }
        });
        command.Subcommands.Add(AddChannel(terminal));
        command.Subcommands.Add(ChannelAction(terminal, "test", "Send a test alert on a channel now and say what happened."));
        command.Subcommands.Add(ChannelAction(terminal, "remove", "Remove one of your channels."));
        return command;
    }

    private static Command AddChannel(Terminal terminal)
    {
        var connection = new ClientOptions();
        var kind = new Argument<string>("kind") { Description = "webhook, ntfy or email." };
        kind.AcceptOnlyFromAmong(ChannelKinds.Webhook, ChannelKinds.Ntfy, ChannelKinds.Email);
        var target = new Argument<string>("target") { Description = "The webhook's URL, the ntfy topic's URL, or the e-mail address." };
        var name = new Option<string>("--name") { Description = "A name to tell channels apart (default: the kind)." };
        var token = new Option<string>("--token") { Description = "ntfy: an access token for a protected topic." };
        var command = new Command("add", "Add a channel. A webhook's signing secret is printed once.") { kind, target, name, token };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var k = parse.GetValue(kind)!;
                var request = new ChannelRequest
                {
                    Kind = k,
                    Name = parse.GetValue(name),
                    Url = k == ChannelKinds.Email ? null : parse.GetValue(target),
                    Email = k == ChannelKinds.Email ? parse.GetValue(target) : null,
                    Token = parse.GetValue(token),
                };
                var channel = await client.AddChannelAsync(householdId, request, ct);
                terminal.Line($"Added {channel.Kind} channel {channel.Id}.");
                if (channel.Secret is { } secret)
                {
                    terminal.Line("Its signing secret (shown this once; verify Willow-Signature with it):");
                    terminal.Line();
                    terminal.Line($"  {secret}");
                    terminal.Line();
                }

                terminal.Line($"Try it: willow alerts channels test {channel.Id}");
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command ChannelAction(Terminal terminal, string verb, string description)
    {
        var connection = new ClientOptions();
        var id = new Argument<string>("id") { Description = "The channel's id (from 'willow alerts channels')." };
        var command = new Command(verb, description) { id };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var channelId = ParseId(parse.GetValue(id)!, "channel");
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                if (verb == "remove")
                {
                    await client.RemoveChannelAsync(householdId, channelId, ct);
                    terminal.Line($"Removed channel {channelId}.");
                    return ExitCodes.Success;
                }

                var result = await client.TestChannelAsync(householdId, channelId, ct);
                if (!result.Sent)
                {
                    throw new CliException($"The test did not get through: {result.Error}");
                }

                terminal.Line($"Sent a test alert (delivery {result.DeliveryId}).");
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Guid ParseId(string text, string what) =>
        Guid.TryParse(text, out var id) ? id : throw new CliException($"'{text}' is not a {what} id; copy it from the list.", ExitCodes.Usage);
}
