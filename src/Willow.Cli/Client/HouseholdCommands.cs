using System.CommandLine;
using Willow.Cli.Output;
using Willow.Hub.Households;

namespace Willow.Cli.Client;

/// <summary>
/// The people of a household: <c>willow household create</c>, <c>invite</c>, <c>join</c>, <c>members</c>, <c>audit</c>.
/// </summary>
public static class HouseholdCommands
{
    public static Command Household(Terminal terminal)
    {
        var command = new Command("household", "Your households.");
        var connection = new ClientOptions();
        var name = new Argument<string>("name") { Description = "The household's name, e.g. \"Willow's home\"." };
        var zone = new Option<string>("--time-zone") { Description = "Its IANA time zone (default: this machine's), e.g. Europe/Berlin." };
        var create = new Command("create", "Create a household; you become its owner.") { name, zone };
        connection.AddTo(create);
        create.SetAction(async (parse, ct) =>
        {
            using var client = connection.Connect(parse);
            var household = await client.CreateHouseholdAsync(new CreateHouseholdRequest { Name = parse.GetValue(name), TimeZone = parse.GetValue(zone) ?? LocalZone() }, ct);
            terminal.Line($"Created {household.Name} ({household.Id}, {household.TimeZone}); you are its owner.");
            terminal.Line($"Next: willow pet add NAME --household {household.Id}, and connect the home: willow gateway add home --household {household.Id}");
            return ExitCodes.Success;
        });
        command.Subcommands.Add(create);
        return command;
    }

    public static Command Invite(Terminal terminal)
    {
        var connection = new ClientOptions();
        var role = new Option<string>("--role") { Description = "owner, caregiver (feeds, calls, confirms doses) or viewer (reads).", Required = true };
        role.AcceptOnlyFromAmong("owner", "caregiver", "viewer");
        var until = new Option<string>("--until") { Description = "The membership's last day or moment, household time (a sitter's week), e.g. 2026-12-07." };
        var days = new Option<int?>("--valid-days") { Description = "Days the code can be used (default 7)." };
        var note = new Option<string>("--note") { Description = "Who it is for, for your own list (\"Sam, pet sitter\")." };
        var command = new Command("invite", "Invite someone into the household with a role; prints a single-use code.") { role, until, days, note };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var clock = await HouseholdClock.ForAsync(client, householdId, ct);
                var invitation = await client.InviteAsync(householdId, new CreateInvitationRequest
                {
                    Role = HouseholdRoles.Parse(parse.GetValue(role)!),
                    MembershipEndsAt = parse.GetValue(until) is { } text ? clock.Parse(text, "--until") : null,
                    ExpiresInDays = parse.GetValue(days),
                    Note = parse.GetValue(note),
                }, ct);
                terminal.Line($"Invitation for a {invitation.Role.ToWire()}{(invitation.MembershipEndsAt is { } ends ? $" until {clock.Until(ends)}" : "")}; the code works once, until {clock.Format(invitation.ExpiresAt)}:");
                terminal.Line();
                terminal.Line($"  {terminal.Paint(invitation.Code, TerminalColor.Bold)}");
                terminal.Line();
                terminal.Line("They sign up (or in) on the hub and join:");
                terminal.Line($"  willow signup --hub {client.HubUrl} --email THEM@EXAMPLE.ORG --name NAME");
                terminal.Line($"  willow join {invitation.Code}");
                terminal.Line($"Revoke it if it goes astray: willow invite revoke {invitation.Id}");
                return ExitCodes.Success;
            }
        });

        var listConnection = new ClientOptions();
        var list = new Command("list", "The household's invitations: open, accepted, expired or revoked.");
        listConnection.AddTo(list);
        list.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await listConnection.ConnectAsync(parse, ct);
            using (client)
            {
                var clock = await HouseholdClock.ForAsync(client, householdId, ct);
                var table = new Table("Role", "Until", "Note", "Status", "Code expires", "Id");
                foreach (var i in await client.InvitationsAsync(householdId, ct))
                {
                    table.Add(i.Role.ToWire(), clock.Until(i.MembershipEndsAt), i.Note ?? "", i.Status, clock.Format(i.ExpiresAt), i.Id.ToString());
                }

                table.WriteTo(terminal);
                return ExitCodes.Success;
            }
        });

        var revokeConnection = new ClientOptions();
        var id = new Argument<Guid>("id") { Description = "The invitation's id (willow invite list)." };
        var revoke = new Command("revoke", "Revoke an invitation nobody has used yet.") { id };
        revokeConnection.AddTo(revoke);
        revoke.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await revokeConnection.ConnectAsync(parse, ct);
            using (client)
            {
                await client.RevokeInvitationAsync(householdId, parse.GetValue(id), ct);
                terminal.Line($"Revoked; the code no longer works.");
                return ExitCodes.Success;
            }
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        return command;
    }

    public static Command Join(Terminal terminal)
    {
        var connection = new ClientOptions();
        var code = new Argument<string>("code") { Description = "The invitation code an owner gave you." };
        var command = new Command("join", "Join a household with an invitation code.") { code };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var client = connection.Connect(parse);
            var household = await client.AcceptInvitationAsync(parse.GetValue(code)!, ct);
            terminal.Line($"You are now a {household.Role?.ToWire()} of {household.Name} ({household.Id}){(household.MembershipEndsAt is { } ends ? $" until {ends.ToLocalTime():yyyy-MM-dd HH:mm}" : "")}.");
            terminal.Line($"Next: willow status --household {household.Id}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Members(Terminal terminal)
    {
        var command = new Command("members", "Who belongs to the household, and their roles.");
        var connection = new ClientOptions();
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var clock = await HouseholdClock.ForAsync(client, householdId, ct);
                var table = new Table("Name", "E-mail", "Role", "Until", "Active");
                foreach (var m in await client.MembersAsync(householdId, ct))
                {
                    table.Add((m.DisplayName, TerminalColor.None), (m.Email, TerminalColor.None), (m.Role.ToWire(), TerminalColor.None),
                        (clock.Until(m.EndsAt), TerminalColor.None), m.Active ? ("yes", TerminalColor.Green) : ("ended", TerminalColor.Dim));
                }

                table.WriteTo(terminal);
                return ExitCodes.Success;
            }
        });

        var setConnection = new ClientOptions();
        var email = new Argument<string>("email") { Description = "The member's e-mail address." };
        var role = new Option<string>("--role") { Description = "owner, caregiver or viewer.", Required = true };
        role.AcceptOnlyFromAmong("owner", "caregiver", "viewer");
        var until = new Option<string>("--until") { Description = "When the membership ends (household time), e.g. 2026-12-07; leave out for no end." };
        var set = new Command("set", "Change a member's role or end date.") { email, role, until };
        setConnection.AddTo(set);
        set.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await setConnection.ConnectAsync(parse, ct);
            using (client)
            {
                var member = await FindAsync(client, householdId, parse.GetValue(email)!, ct);
                var clock = await HouseholdClock.ForAsync(client, householdId, ct);
                var changed = await client.ChangeMemberAsync(householdId, member.UserId, new ChangeMemberRequest
                {
                    Role = HouseholdRoles.Parse(parse.GetValue(role)!),
                    EndsAt = parse.GetValue(until) is { } text ? clock.Parse(text, "--until") : null,
                }, ct);
                terminal.Line($"{changed.DisplayName} is now a {changed.Role.ToWire()}{(changed.EndsAt is { } ends ? $" until {clock.Until(ends)}" : "")}.");
                return ExitCodes.Success;
            }
        });

        var removeConnection = new ClientOptions();
        var removeEmail = new Argument<string>("email") { Description = "The member's e-mail address (your own to leave)." };
        var remove = new Command("remove", "Remove a member from the household (or leave it yourself).") { removeEmail };
        removeConnection.AddTo(remove);
        remove.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await removeConnection.ConnectAsync(parse, ct);
            using (client)
            {
                var member = await FindAsync(client, householdId, parse.GetValue(removeEmail)!, ct);
                var me = await client.AccountAsync(ct);
                if (member.UserId == me.Id)
                {
                    await client.LeaveAsync(householdId, ct);
                    terminal.Line("You left the household.");
                    return ExitCodes.Success;
                }

                await client.RemoveMemberAsync(householdId, member.UserId, ct);
                terminal.Line($"{member.DisplayName} no longer belongs to the household; their sessions and tokens see nothing of it from now on.");
                return ExitCodes.Success;
            }
        });

        command.Subcommands.Add(set);
        command.Subcommands.Add(remove);
        return command;
    }

    public static Command Audit(Terminal terminal)
    {
        var connection = new ClientOptions();
        var limit = new Option<int>("--limit") { Description = "How many entries (1 to 500).", DefaultValueFactory = _ => 30 };
        var command = new Command("audit", "Who did what in the household, newest first (owners).") { limit };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var clock = await HouseholdClock.ForAsync(client, householdId, ct);
                var table = new Table("When", "Who", "Via", "Action", "On", "Detail");
                foreach (var e in await client.AuditAsync(householdId, parse.GetValue(limit), ct))
                {
                    var tone = e.Action is "lockout.overridden" or "gateway.revoked" ? TerminalColor.Yellow : TerminalColor.None;
                    table.Add((clock.Format(e.At, "yyyy-MM-dd HH:mm:ss"), TerminalColor.None), (e.Actor, TerminalColor.None), (e.Via, TerminalColor.Dim),
                        (e.Action, tone), (e.Target ?? "", TerminalColor.None), (clock.InSentence(e.Detail, "yyyy-MM-dd HH:mm"), TerminalColor.None));
                }

                if (table.Count == 0)
                {
                    terminal.Line("Nothing recorded yet.");
                }
                else
                {
                    table.WriteTo(terminal);
                }

                return ExitCodes.Success;
            }
        });
        return command;
    }

    /// <summary>A membership ends at midnight of the day after "until": shown as the exact moment, with its date.</summary>

    private static async Task<MemberView> FindAsync(HubClient client, Guid householdId, string email, CancellationToken ct) =>
        (await client.MembersAsync(householdId, ct)).FirstOrDefault(m => string.Equals(m.Email, email.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new CliException($"No member {email} in this household (willow members lists them).");

    public static string LocalZone() =>
        TimeZoneInfo.TryConvertWindowsIdToIanaId(TimeZoneInfo.Local.Id, out var iana) ? iana
        : TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneInfo.Local.Id, out _) && TimeZoneInfo.Local.Id != "Local" ? TimeZoneInfo.Local.Id
        : "UTC";
}
