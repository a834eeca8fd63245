using System.CommandLine;
using Willow.Cli.Client;
using Willow.Cli.Demo;
using Willow.Cli.Output;
using Willow.Cli.Roles;

namespace Willow.Cli;

/// <summary>Parses, runs, and turns every failure into one line on stderr and an exit code.</summary>
public static class WillowCli
{
    /// <summary>Every <c>willow</c> subcommand.</summary>
    public static RootCommand CreateRoot(Terminal terminal, TimeProvider time) =>
        new("Willow: medication and treats for a pet, on schedule or on demand, at home and from anywhere.")
        {
            RoleCommands.Hub(),
            RoleCommands.Gateway(GatewayCommands.All(terminal, time)),
            RoleCommands.Agent(),
            UserCommands.Users(terminal, time),
            DemoCommand.Create(terminal, time),
            AccountCommands.SignUp(terminal),
            AccountCommands.Login(terminal),
            AccountCommands.Logout(terminal),
            AccountCommands.Tokens(terminal, time),
            HouseholdCommands.Household(terminal),
            HouseholdCommands.Invite(terminal),
            HouseholdCommands.Join(terminal),
            HouseholdCommands.Members(terminal),
            HouseholdCommands.Audit(terminal),
            DeviceCommands.Device(terminal),
            ClientCommands.Feed(terminal, time),
            ClientCommands.Call(terminal, time),
            ClientCommands.Status(terminal),
            CameraAndSensorCommands.Photo(terminal, time),
            CameraAndSensorCommands.Readings(terminal, time),
            CameraAndSensorCommands.Tare(terminal, time),
            CameraAndSensorCommands.Home(terminal, time),
            CareCommands.Pet(terminal),
            CareCommands.Regimen(terminal, time),
            CareCommands.Doses(terminal, time),
            AlertCommands.Alerts(terminal),
            CareCommands.Refill(terminal),
        };

    public static async Task<int> RunAsync(RootCommand root, string[] args, Terminal terminal)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            var path = command == root ? "willow" : $"willow {command.Name}";
            // The most specific error first (an unknown word says more than "a command is required"), on one line.
            var messages = parse.Errors
                .OrderBy(e => e.Message.Contains("not provided", StringComparison.Ordinal) ? 1 : 0)
                .Select(e => string.Join(' ', e.Message.Split(['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim())).TrimEnd('.'))
                .Distinct();
            terminal.Fail($"{path}: {string.Join("; ", messages)}. See '{path} --help'.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
                EnableDefaultExceptionHandler = false,
                Output = terminal.Out,
                Error = terminal.Error,
            });
        }
        catch (CliException ex)
        {
            terminal.Fail(ex.Message);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Failure;
        }
    }
}
