using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Willow.Cli.Output;
using Willow.Core.Commands;
using Willow.Hub.Commands;

namespace Willow.Cli.Client;

/// <summary>The commands people type most: feed, call, status.</summary>
public static class ClientCommands
{
    public static Command Feed(Terminal terminal, TimeProvider time)
    {
        var connection = new ClientOptions();
        var device = new Option<string>("--device", "-d") { Description = "The dispenser's device id.", Required = true };
        var portions = new Option<int>("--portions") { Description = "How many portions (1 to 5).", DefaultValueFactory = _ => 1 };
        var overrideReason = new Option<string>("--override-reason") { Description = "Dispense inside the lockout; the reason is kept in the audit trail." };
        var dose = new Option<Guid?>("--dose") { Description = "The scheduled dose this dispense serves." };
        var follow = new FollowOptions();
        var command = new Command("feed", "Dispense a portion (a treat, or a pill in a treat) and follow it until it is done.")
        {
            device, portions, overrideReason, dose,
        };
        connection.AddTo(command);
        follow.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(portions);
            if (count is < 1 or > CommandArgs.MaxPortions)
            {
                throw new CliException($"--portions must be from 1 to {CommandArgs.MaxPortions}.", ExitCodes.Usage);
            }

            var request = new IssueCommandRequest
            {
                Kind = CommandKinds.Dispense,
                Args = JsonElement.Parse($"{{\"portions\":{count.ToString(CultureInfo.InvariantCulture)}}}"),
                TtlSeconds = parse.GetValue(follow.Ttl),
                DoseId = parse.GetValue(dose),
                LockoutOverride = parse.GetValue(overrideReason) is { } reason ? new LockoutOverrideRequest { Reason = reason } : null,
            };
            return await IssueAsync(parse, connection, follow, parse.GetValue(device)!, request, terminal, time, ct);
        });
        return command;
    }

    public static Command Call(Terminal terminal, TimeProvider time)
    {
        var connection = new ClientOptions();
        var device = new Option<string>("--device", "-d") { Description = "The speaker's device id.", Required = true };
        var sound = new Option<string>("--sound") { Description = "The sound to play.", DefaultValueFactory = _ => CallArgs.DefaultSound };
        var say = new Option<string>("--say") { Description = "Words to speak instead of a sound, e.g. \"Willow, dinner!\"." };
        var follow = new FollowOptions();
        var command = new Command("call", "Play a sound that calls the pet, or speak to it.") { device, sound, say };
        connection.AddTo(command);
        follow.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var request = new IssueCommandRequest
            {
                Kind = CommandKinds.Call,
                Args = parse.GetValue(say) is { } words ? JsonSerializerArgs("text", words) : JsonSerializerArgs("sound", parse.GetValue(sound)!),
                TtlSeconds = parse.GetValue(follow.Ttl),
            };
            return await IssueAsync(parse, connection, follow, parse.GetValue(device)!, request, terminal, time, ct);
        });
        return command;
    }

    public static Command Status(Terminal terminal)
    {
        var connection = new ClientOptions();
        var limit = new Option<int>("--commands") { Description = "How many recent commands to list.", DefaultValueFactory = _ => 5 };
        var command = new Command("status", "Show the hub, the household's gateways and devices, and recent commands.") { limit };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var household = (await client.HouseholdsAsync(ct)).FirstOrDefault(h => h.Id == householdId)
                    ?? throw new CliException($"Household {householdId} is not visible to this token.");
                var ready = await client.IsReadyAsync(ct);
                terminal.Line($"Hub        {client.HubUrl}  {terminal.Paint(ready ? "ready" : "not ready", ready ? TerminalColor.Green : TerminalColor.Red)}");
                terminal.Line($"Household  {household.Name}  {household.Id}  ({household.TimeZone})");
                terminal.Line();

                var gateways = new Table("Gateway", "Connected", "Last seen", "Clock");
                foreach (var g in await client.GatewaysAsync(householdId, ct))
                {
                    var clock = g.ClockTrusted switch
                    {
                        true => ("trusted", TerminalColor.Green),
                        false => ($"NOT trusted: no scheduled dose ({g.ClockReason})", TerminalColor.Red),
                        null => ("not reported", TerminalColor.Dim),
                    };
                    gateways.Add((g.Id, TerminalColor.None), (g.Connected ? "yes" : "no", g.Connected ? TerminalColor.Green : TerminalColor.Red), (When(g.LastSeenAt), TerminalColor.None), clock);
                }

                if (gateways.Count > 0)
                {
                    gateways.WriteTo(terminal);
                    terminal.Line();
                }

                var devices = new Table("Device", "Name", "Capabilities", "Link", "Online", "Last seen", "Locked until");
                foreach (var d in await client.DevicesAsync(householdId, ct))
                {
                    devices.Add(
                        (d.Id, TerminalColor.None), (d.Name, TerminalColor.None), (string.Join(",", d.Capabilities), TerminalColor.None),
                        (d.GatewayId is null ? d.Link : $"{d.Link} {d.GatewayId}", TerminalColor.None),
                        (d.Online ? "online" : "offline", d.Online ? TerminalColor.Green : TerminalColor.Red),
                        (When(d.LastSeenAt), TerminalColor.None),
                        (d.LockedUntil is { } until ? When(until) : "", TerminalColor.Yellow));
                }

                if (devices.Count == 0)
                {
                    terminal.Line("No devices yet: they appear when a gateway reports them or a direct-mode device polls.");
                }
                else
                {
                    devices.WriteTo(terminal);
                }

                var recent = await client.RecentCommandsAsync(householdId, Math.Clamp(parse.GetValue(limit), 1, 200), ct);
                if (recent.Count > 0)
                {
                    terminal.Line();
                    var commands = new Table("Command", "Kind", "Device", "State", "Issued", "By");
                    foreach (var c in recent)
                    {
                        commands.Add(
                            (c.Id.ToString(), TerminalColor.None), (c.Kind, TerminalColor.None), (c.DeviceId, TerminalColor.None),
                            (c.State.ToWire(), CommandFollower.Tone(c.State)), (When(c.IssuedAt), TerminalColor.None), (c.IssuedBy, TerminalColor.None));
                    }

                    commands.WriteTo(terminal);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> IssueAsync(
        ParseResult parse, ClientOptions connection, FollowOptions follow, string deviceId, IssueCommandRequest request, Terminal terminal, TimeProvider time, CancellationToken ct)
    {
        var (client, householdId) = await connection.ConnectAsync(parse, ct);
        using (client)
        {
            var follower = new CommandFollower(client, terminal, time);
            var key = parse.GetValue(follow.IdempotencyKey) ?? Guid.CreateVersion7(time.GetUtcNow()).ToString();
            var timeout = TimeSpan.FromSeconds(parse.GetValue(follow.Timeout));
            return await follower.IssueAndFollowAsync(householdId, deviceId, request, key, !parse.GetValue(follow.NoWait), timeout, ct);
        }
    }

    private static JsonElement JsonSerializerArgs(string name, string value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(name, value);
            writer.WriteEndObject();
        }

        return JsonElement.Parse(buffer.ToArray());
    }

    private static string When(DateTimeOffset? at) =>
        at is { } value ? value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "never";

    private sealed class FollowOptions
    {
        public Option<bool> NoWait { get; } = new("--no-wait") { Description = "Return once the hub accepted the command." };

        public Option<int> Timeout { get; } = new("--timeout") { Description = "Seconds to follow the command before giving up.", DefaultValueFactory = _ => 90 };

        public Option<int?> Ttl { get; } = new("--ttl") { Description = "Seconds the command may wait to be started (default 60)." };

        public Option<string> IdempotencyKey { get; } = new("--idempotency-key") { Description = "Repeat a key to repeat a request safely (default: a new key)." };

        public void AddTo(Command command)
        {
            command.Options.Add(NoWait);
            command.Options.Add(Timeout);
            command.Options.Add(Ttl);
            command.Options.Add(IdempotencyKey);
        }
    }
}
