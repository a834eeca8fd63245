using System.Globalization;
using Willow.Cli.Output;
using Willow.Core.Commands;
using Willow.Hub.Commands;

namespace Willow.Cli.Client;

/// <summary>Issues a command and prints its timeline as it happens, until it is final.</summary>
public sealed class CommandFollower(HubClient client, Terminal terminal, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<int> IssueAndFollowAsync(
        Guid householdId, string deviceId, IssueCommandRequest request, string idempotencyKey, bool wait, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await IssueAndFollowToEndAsync(householdId, deviceId, request, idempotencyKey, wait, timeout, cancellationToken)).ExitCode;

    /// <summary>Like <see cref="IssueAndFollowAsync"/>, with the command as it ended (for what comes after it, like a photo).</summary>
    public async Task<(int ExitCode, CommandView Command)> IssueAndFollowToEndAsync(
        Guid householdId, string deviceId, IssueCommandRequest request, string idempotencyKey, bool wait, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = await client.IssueAsync(householdId, deviceId, request, idempotencyKey, cancellationToken);
        terminal.Line($"{terminal.Paint(command.Kind, TerminalColor.Bold)} {command.Id} for {deviceId} — expires {Local(command.ExpiresAt)}");
        var printed = Print(command, 0);
        if (!wait)
        {
            terminal.Line($"Follow it with: willow status, or GET {client.HubUrl}/api/v1/households/{householdId}/commands/{command.Id}");
            return (ExitCodes.Success, command);
        }

        var started = time.GetTimestamp();
        while (!command.State.IsFinal())
        {
            if (time.GetElapsedTime(started) > timeout)
            {
                terminal.Fail($"Still {command.State.ToWire()} after {timeout.TotalSeconds:0} s; the home may be offline. It will not run after {Local(command.ExpiresAt)}.");
                return (ExitCodes.Failure, command);
            }

            await Task.Delay(PollInterval, time, cancellationToken);
            command = await client.CommandAsync(householdId, command.Id, cancellationToken);
            printed = Print(command, printed);
        }

        return (Conclude(command), command);
    }

    private int Print(CommandView command, int alreadyPrinted)
    {
        foreach (var e in command.Events.Skip(alreadyPrinted))
        {
            var state = e.State.ToWire().PadRight(10);
            terminal.Line($"  {Local(e.At)}  {terminal.Paint(state, Tone(e.State))}  {e.Source.ToWire(),-7}  {Shown(e.Detail)}".TrimEnd());
        }

        return command.Events.Count;
    }

    private int Conclude(CommandView command)
    {
        var last = command.Events.Count > 0 ? Shown(command.Events[^1].Detail) : null;
        switch (command.State)
        {
            case CommandState.Succeeded:
                return ExitCodes.Success;
            case CommandState.Refused:
                terminal.Fail($"Refused: {last}");
                if (command.Kind == CommandKinds.Dispense)
                {
                    terminal.Fail("Wait for the lockout to end, or, if you are sure, repeat with --override-reason \"why\".");
                }

                return ExitCodes.Failure;
            case CommandState.Uncertain:
                terminal.Fail($"Uncertain: {last}");
                terminal.Fail("Check the dispenser (and the camera) before giving anything again.");
                return ExitCodes.Failure;
            default:
                terminal.Fail($"{command.State.ToWire()}: {last}");
                return ExitCodes.Failure;
        }
    }

    /// <summary>A gateway's or the hub's sentence with its UTC instants on this machine's clock, like the timeline's times.</summary>
    private static string Shown(string? detail) => HouseholdClock.InstantsIn(detail, at => Local(at, "yyyy-MM-dd HH:mm:ss"));

    /// <summary>This machine's clock, as the terminal's other times are.</summary>
    private static string Local(DateTimeOffset at, string format = "HH:mm:ss.fff") => at.ToLocalTime().ToString(format, CultureInfo.InvariantCulture);

    public static TerminalColor Tone(CommandState state) => state switch
    {
        CommandState.Succeeded => TerminalColor.Green,
        CommandState.Failed or CommandState.Uncertain => TerminalColor.Red,
        CommandState.Refused or CommandState.Expired or CommandState.Cancelled => TerminalColor.Yellow,
        _ => TerminalColor.Cyan,
    };
}
