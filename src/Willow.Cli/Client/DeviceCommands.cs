using System.CommandLine;
using Willow.Cli.Output;

namespace Willow.Cli.Client;

/// <summary><c>willow device token ID</c>: a token for a direct-mode device (a board with no gateway).</summary>
public static class DeviceCommands
{
    public static Command Device(Terminal terminal)
    {
        var connection = new ClientOptions();
        var id = new Argument<string>("id") { Description = "The device's id, e.g. feeder." };
        var revoke = new Option<bool>("--revoke") { Description = "Revoke the device's token instead." };
        var token = new Command("token", "Issue (or with --revoke, revoke) the token a direct-mode device polls the hub with (owners).") { id, revoke };
        connection.AddTo(token);
        token.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                if (parse.GetValue(revoke))
                {
                    await client.RevokeDeviceTokenAsync(householdId, parse.GetValue(id)!, ct);
                    terminal.Line($"Revoked the token of {parse.GetValue(id)}; it can no longer reach the hub.");
                    return ExitCodes.Success;
                }

                var issued = await client.IssueDeviceTokenAsync(householdId, parse.GetValue(id)!, ct);
                terminal.Line($"A token for {issued.DeviceId} (shown this once; any earlier token stops working):");
                terminal.Line();
                terminal.Line($"  {issued.Token}");
                terminal.Line();
                terminal.Line("On the device, run:");
                terminal.Line($"  {issued.Command}");
                return ExitCodes.Success;
            }
        });

        var command = new Command("device", "A device's own credentials.");
        command.Subcommands.Add(token);
        return command;
    }
}
