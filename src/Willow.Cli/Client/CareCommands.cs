using System.CommandLine;
using Willow.Cli.Output;
using Willow.Core.Doses;
using Willow.Core.Regimens;
using Willow.Hub.Devices;
using Willow.Hub.Pets;
using Willow.Hub.Regimens;

namespace Willow.Cli.Client;

/// <summary>Pets, regimens, doses and refills: <c>willow pet</c>, <c>willow regimen</c>, <c>willow doses</c>, <c>willow refill</c>.</summary>
public static class CareCommands
{
    public static Command Pet(Terminal terminal)
    {
        var command = new Command("pet", "The household's pets.");
        var connection = new ClientOptions();
        var name = new Argument<string>("name") { Description = "The pet's name." };
        var species = new Option<string>("--species") { Description = "dog, cat, …" };
        var add = new Command("add", "Add a pet.") { name, species };
        connection.AddTo(add);
        add.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var pet = await client.AddPetAsync(householdId, new CreatePetRequest { Name = parse.GetValue(name), Species = parse.GetValue(species) }, ct);
                terminal.Line($"Added {pet.Name} ({pet.Id}).");
                terminal.Line($"Next: willow regimen add --pet \"{pet.Name}\" --medication … --every 8h --from \"YYYY-MM-DD HH:mm\" --device …");
                return ExitCodes.Success;
            }
        });

        var listConnection = new ClientOptions();
        var list = new Command("list", "List the pets.");
        listConnection.AddTo(list);
        list.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await listConnection.ConnectAsync(parse, ct);
            using (client)
            {
                var table = new Table("Pet", "Species", "Id");
                foreach (var pet in await client.PetsAsync(householdId, ct))
                {
                    table.Add(pet.Name, pet.Species ?? "", pet.Id.ToString());
                }

                if (table.Count == 0)
                {
                    terminal.Line("No pets yet. Add one: willow pet add Willow --species dog");
                }
                else
                {
                    table.WriteTo(terminal);
                }

                return ExitCodes.Success;
            }
        });

        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        return command;
    }

    public static Command Regimen(Terminal terminal, TimeProvider time)
    {
        var command = new Command("regimen", "Courses of medication, given at home on schedule.");
        command.Subcommands.Add(AddRegimen(terminal, time));
        command.Subcommands.Add(ListRegimens(terminal));
        foreach (var (verb, change, description) in new[]
        {
            ("pause", "pause", "Pause a regimen: no dose falls until it is resumed."),
            ("resume", "resume", "Resume a paused regimen from now on."),
            ("end", "end", "End a course now; its record stays."),
        })
        {
            command.Subcommands.Add(ChangeRegimen(terminal, verb, change, description));
        }

        return command;
    }

    public static Command Doses(Terminal terminal, TimeProvider time)
    {
        var connection = new ClientOptions();
        var from = new Option<string>("--from") { Description = "Start, local date and time (default: a day ago)." };
        var to = new Option<string>("--to") { Description = "End, local date and time (default: a day ahead)." };
        var pet = new Option<string>("--pet") { Description = "Only this pet (name or id)." };
        var command = new Command("doses", "Doses around now, with their state: given, missed, skipped, uncertain or still to come.") { from, to, pet };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var clock = await HouseholdClock.ForAsync(client, householdId, ct);
                var now = time.GetUtcNow();
                var start = parse.GetValue(from) is { } f ? LocalInstant(f, clock, "--from") : now.AddDays(-1);
                var end = parse.GetValue(to) is { } t ? LocalInstant(t, clock, "--to") : now.AddDays(1);
                var petId = parse.GetValue(pet) is { } p ? (await FindPetAsync(client, householdId, p, ct)).Id : (Guid?)null;
                var doses = await client.DosesAsync(householdId, start, end, petId, ct);
                if (doses.Count == 0)
                {
                    terminal.Line("No doses in that time. Add a regimen: willow regimen add --help");
                    return ExitCodes.Success;
                }

                var table = new Table("When", "Pet", "Medication", "State", "Note");
                foreach (var dose in doses)
                {
                    var state = dose.State == DoseState.Scheduled && dose.WindowCloses < now ? "due" : dose.State.ToWire();
                    var note = dose.ConfirmedBy is { } by ? $"eaten, confirmed by {by}" : (dose.Detail is null ? null : clock.InSentence(dose.Detail)) ?? (dose.State == DoseState.Scheduled ? $"window {clock.Format(dose.WindowOpens, "HH:mm")}–{clock.Format(dose.WindowCloses, "HH:mm")}" : "");
                    table.Add(
                        (clock.Format(dose.ScheduledAt), TerminalColor.None),
                        (dose.PetName, TerminalColor.None),
                        ($"{dose.Medication} {dose.Amount}", TerminalColor.None),
                        (state, Tone(dose.State)),
                        (note.Length > 70 ? note[..67] + "…" : note, TerminalColor.Dim));
                }

                table.WriteTo(terminal);
                terminal.Line(terminal.Paint($"Times in {clock.Zone.Id}.", TerminalColor.Dim));
                return ExitCodes.Success;
            }
        });
        return command;
    }

    public static Command Refill(Terminal terminal)
    {
        var connection = new ClientOptions();
        var device = new Option<string>("--device", "-d") { Description = "The dispenser's device id.", Required = true };
        var capacity = new Option<int?>("--capacity") { Description = "How many portions it holds when full (needed the first time)." };
        var remaining = new Option<int?>("--remaining") { Description = "How many portions are in it now (default: full)." };
        var command = new Command("refill", "Record that a dispenser was refilled.") { device, capacity, remaining };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var clock = await HouseholdClock.ForAsync(client, householdId, ct);
                var view = await client.RefillAsync(householdId, parse.GetValue(device)!, new RefillRequest { Capacity = parse.GetValue(capacity), Remaining = parse.GetValue(remaining) }, ct);
                terminal.Line($"{view.Id}: {view.Remaining} of {view.Capacity} portions.");
                terminal.Line(view switch
                {
                    { DosesLeft: null } => "No regimen uses this dispenser, so there is no forecast.",
                    { RunsOutAt: { } runsOut } => $"That covers {view.DosesLeft} scheduled dose(s); it runs out before the dose at {clock.Format(runsOut)}.",
                    _ => $"That covers every scheduled dose for the next {CapacityForecast.Horizon.TotalDays:0} days ({view.DosesLeft}).",
                });
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command AddRegimen(Terminal terminal, TimeProvider time)
    {
        var connection = new ClientOptions();
        var pet = new Option<string>("--pet") { Description = "The pet (name or id).", Required = true };
        var medication = new Option<string>("--medication") { Description = "e.g. clomipramine", Required = true };
        var amount = new Option<string>("--amount") { Description = "e.g. \"1 tablet\"", DefaultValueFactory = _ => "1 portion" };
        var every = new Option<string>("--every") { Description = "Every interval of elapsed time, e.g. 8h." };
        var at = new Option<string>("--at") { Description = "Fixed local times, e.g. 07:00,19:00." };
        var cron = new Option<string>("--cron") { Description = "A cron expression in the household's zone." };
        var from = new Option<string>("--from") { Description = "Local start, e.g. \"2026-12-01 07:00\" (default: now). For --every, the first dose." };
        var until = new Option<string>("--until") { Description = "Local end (exclusive)." };
        var @for = new Option<string>("--for") { Description = "Course length from --from, e.g. 4w or 10d." };
        var window = new Option<string>("--window") { Description = "How early and how late a dose may be given, e.g. 45m." };
        var before = new Option<string>("--window-before") { Description = "How early a dose may be given." };
        var after = new Option<string>("--window-after") { Description = "How late a dose may still be given (default 30m)." };
        var minInterval = new Option<string>("--min-interval") { Description = "Never two dispenses closer than this, e.g. 6h." };
        var device = new Option<string>("--device", "-d") { Description = "The dispenser.", Required = true };
        var slot = new Option<int?>("--slot") { Description = "Carousel slot." };
        var portions = new Option<int?>("--portions") { Description = "Portions per dose (default 1)." };
        var callFirst = new Option<bool>("--call-first") { Description = "Play a sound first to call the pet." };
        var callDevice = new Option<string>("--call-device") { Description = "The speaker (default: the household's only one)." };
        var sound = new Option<string>("--sound") { Description = "The sound for --call-first." };
        var command = new Command("add", "Describe a course of medication once; the home gives every dose on time.")
        {
            pet, medication, amount, every, at, cron, from, until, @for, window, before, after, minInterval, device, slot, portions, callFirst, callDevice, sound,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var kinds = new[] { parse.GetValue(every), parse.GetValue(at), parse.GetValue(cron) }.Count(v => v is not null);
            if (kinds != 1)
            {
                throw new CliException("Give exactly one of --every, --at or --cron.", ExitCodes.Usage);
            }

            if (parse.GetValue(until) is not null && parse.GetValue(@for) is not null)
            {
                throw new CliException("Give --until or --for, not both.", ExitCodes.Usage);
            }

            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var clock = await HouseholdClock.ForAsync(client, householdId, ct);
                var start = parse.GetValue(from) is { } f ? LocalTime(f, "--from") : clock.Local(time.GetUtcNow()).AddSeconds(-clock.Local(time.GetUtcNow()).Second);
                DateTime? end = parse.GetValue(until) is { } u ? LocalTime(u, "--until")
                    : parse.GetValue(@for) is { } length ? start + DurationText.Parse(length, "--for")
                    : null;
                var windowBoth = parse.GetValue(window) is { } w ? DurationText.Parse(w, "--window") : (TimeSpan?)null;
                var schedule = parse.GetValue(every) is { } e ? new ScheduleRequest { Kind = ScheduleKinds.Every, Every = DurationText.Parse(e, "--every") }
                    : parse.GetValue(at) is { } times ? new ScheduleRequest { Kind = ScheduleKinds.TimesOfDay, Times = [.. times.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] }
                    : new ScheduleRequest { Kind = ScheduleKinds.Cron, Cron = parse.GetValue(cron) };
                var request = new RegimenRequest
                {
                    PetId = (await FindPetAsync(client, householdId, parse.GetValue(pet)!, ct)).Id,
                    Medication = parse.GetValue(medication),
                    Amount = parse.GetValue(amount),
                    Portions = parse.GetValue(portions),
                    Schedule = schedule,
                    StartsAt = RegimenTime.Format(start),
                    EndsAt = end is { } x ? RegimenTime.Format(x) : null,
                    WindowBefore = parse.GetValue(before) is { } b ? DurationText.Parse(b, "--window-before") : windowBoth,
                    WindowAfter = parse.GetValue(after) is { } a ? DurationText.Parse(a, "--window-after") : windowBoth,
                    MinimumInterval = parse.GetValue(minInterval) is { } m ? DurationText.Parse(m, "--min-interval") : null,
                    DeviceId = parse.GetValue(device),
                    Slot = parse.GetValue(slot),
                    CallFirst = parse.GetValue(callFirst) ? true : null,
                    CallDeviceId = parse.GetValue(callDevice),
                    CallSound = parse.GetValue(sound),
                };
                var regimen = await client.AddRegimenAsync(householdId, request, ct);
                terminal.Line($"{regimen.Medication} {regimen.Amount} for {regimen.PetName}, {regimen.Schedule.Description}, from {regimen.StartsAt.Replace('T', ' ')}{(regimen.EndsAt is { } ends ? $" until {ends.Replace('T', ' ')}" : "")}.");
                terminal.Line($"Regimen {regimen.Id}. Next dose: {clock.Format(regimen.NextDoseAt)} ({clock.Zone.Id}).");
                terminal.Line("The home has it now and gives every dose, with or without the hub. See them: willow doses");
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command ListRegimens(Terminal terminal)
    {
        var connection = new ClientOptions();
        var command = new Command("list", "List the household's regimens.");
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var clock = await HouseholdClock.ForAsync(client, householdId, ct);
                var table = new Table("Id", "Pet", "Medication", "Schedule", "Device", "Status", "Next dose");
                foreach (var r in await client.RegimensAsync(householdId, ct))
                {
                    table.Add(
                        (r.Id.ToString()[..8], TerminalColor.None), (r.PetName, TerminalColor.None), ($"{r.Medication} {r.Amount}", TerminalColor.None),
                        (r.Schedule.Description, TerminalColor.None), (r.DeviceId, TerminalColor.None),
                        (r.Status, r.Status == "active" ? TerminalColor.Green : TerminalColor.Yellow), (clock.Format(r.NextDoseAt), TerminalColor.None));
                }

                if (table.Count == 0)
                {
                    terminal.Line("No regimens yet. Add one: willow regimen add --help");
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

    private static Command ChangeRegimen(Terminal terminal, string verb, string change, string description)
    {
        var connection = new ClientOptions();
        var id = new Argument<string>("regimen") { Description = "The regimen's id, or the start of it as 'willow regimen list' shows." };
        var command = new Command(verb, description) { id };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var text = parse.GetValue(id)!;
                var matches = (await client.RegimensAsync(householdId, ct)).Where(r => r.Id.ToString().StartsWith(text, StringComparison.OrdinalIgnoreCase)).ToList();
                var regimen = matches.Count switch
                {
                    1 => matches[0],
                    0 => throw new CliException($"No regimen's id starts with '{text}'. See: willow regimen list", ExitCodes.Usage),
                    _ => throw new CliException($"'{text}' matches {matches.Count} regimens; give more of the id.", ExitCodes.Usage),
                };
                var changed = await client.ChangeRegimenAsync(householdId, regimen.Id, change, ct);
                terminal.Line($"{changed.Medication} for {changed.PetName} is {changed.Status}.");
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static async Task<PetView> FindPetAsync(HubClient client, Guid householdId, string nameOrId, CancellationToken cancellationToken)
    {
        var pets = await client.PetsAsync(householdId, cancellationToken);
        return pets.FirstOrDefault(p => string.Equals(p.Name, nameOrId, StringComparison.OrdinalIgnoreCase) || p.Id.ToString() == nameOrId)
            ?? throw new CliException(
                pets.Count == 0 ? $"No pet '{nameOrId}'; add one first: willow pet add \"{nameOrId}\"" : $"No pet '{nameOrId}'. The household has: {string.Join(", ", pets.Select(p => p.Name))}.",
                ExitCodes.Usage);
    }

    private static DateTime LocalTime(string text, string option) =>
        RegimenTime.TryParseLocal(text, out var local)
            ? local
            : throw new CliException($"{option} '{text}' is not a local date and time; write it like \"2026-12-01 07:00\".", ExitCodes.Usage);

    private static DateTimeOffset LocalInstant(string text, HouseholdClock clock, string option) => LocalTimes.ToInstant(LocalTime(text, option), clock.Zone);

    private static TerminalColor Tone(DoseState state) => state switch
    {
        DoseState.Dispensed => TerminalColor.Green,
        DoseState.Missed or DoseState.Uncertain => TerminalColor.Red,
        DoseState.Skipped => TerminalColor.Yellow,
        _ => TerminalColor.Cyan,
    };
}
