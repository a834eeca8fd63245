using System.CommandLine;
using Willow.Cli.Client;
using Willow.Cli.Output;
using Willow.Hosting;
using Willow.Hub.Accounts;
using Willow.Hub.Storage;

namespace Willow.Cli.Roles;

/// <summary>
/// <c>willow users add</c>: run on the hub's machine by its operator, straight on the database (the hub may
/// be running or not). The way to create the first owner of a fresh hub.
/// </summary>
public static class UserCommands
{
    public static Command Users(Terminal terminal, TimeProvider time)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "The hub's data directory (as given to 'willow hub --data-dir')." };
        var config = new Option<string>("--config") { Description = "The hub's configuration file (its Storage:SqlitePath is used)." };
        var email = new Option<string>("--email") { Description = "The person's e-mail address; they sign in with it.", Required = true };
        var name = new Option<string>("--name") { Description = "Their name, as households see it.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of asking." };
        var owner = new Option<bool>("--owner") { Description = "Also create a household with them as its owner." };
        var household = new Option<string>("--household") { Description = "With --owner: the household's name (default \"<name>'s home\")." };
        var zone = new Option<string>("--time-zone") { Description = "With --owner: the household's IANA time zone (default: this machine's)." };
        var storage = new RoleCommands.StorageFlags();
        var add = new Command("add", "Create an account; with --owner also their household, and print a token to sign in with.")
        {
            dataDir, config, email, name, passwordStdin, owner, household, zone,
        };
        storage.AddTo(add);
        add.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(owner) && (parse.GetValue(household) is not null || parse.GetValue(zone) is not null))
            {
                throw new CliException("--household and --time-zone go with --owner.", ExitCodes.Usage);
            }

            var configFile = parse.GetValue(config);
            if (configFile is not null && !File.Exists(configFile))
            {
                throw new CliException($"The configuration file {configFile} does not exist.", ExitCodes.Usage);
            }

            var settings = storage.Apply(parse, RoleCommands.HubSettings(new RoleSettings(configFile), parse.GetValue(dataDir)));
            var storageOptions = StorageServiceExtensions.ReadOptions(WillowHost.ReadConfiguration(settings));
            var where = storageOptions.UsesRedis ? $"Redis at {RedisAddress(storageOptions.Redis)}" : storageOptions.SqlitePath;
            var password = parse.GetValue(passwordStdin)
                ? terminal.ReadLine("the password")
                : terminal.Prompt($"Password for {parse.GetValue(email)} (at least {Passwords.MinLength} characters): ", "--password-stdin");

            using var setup = OpenStore(storageOptions, time);
            try
            {
                var user = await setup.AddUserAsync(parse.GetValue(email)!, password, parse.GetValue(name)!, ct);
                terminal.Line($"Created the account {user.Email} ({user.DisplayName}) in {where}.");
                if (!parse.GetValue(owner))
                {
                    terminal.Line("They sign in with 'willow login --hub URL --email …' and join a household with an invitation code from its owner.");
                    return ExitCodes.Success;
                }

                var home = await setup.CreateHouseholdAsync(
                    user, parse.GetValue(household) ?? $"{user.DisplayName}'s home", parse.GetValue(zone) ?? HouseholdCommands.LocalZone(), ct);
                var token = await setup.IssueTokenAsync(user, "willow users add", 30, ct);
                var table = new Table("Household", "Id", "Time zone", "Owner");
                table.Add(home.Name, home.Id.ToString(), home.TimeZone, user.Email);
                table.WriteTo(terminal);
                terminal.Line();
                terminal.Line($"A token to start with (valid 30 days, shown this once): {token.Token}");
                terminal.Line("Next, on your own computer:");
                terminal.Line($"  willow login --hub https://YOUR-HUB --email {user.Email}");
                terminal.Line("  willow gateway add home        (prints the code that connects your home's gateway)");
                return ExitCodes.Success;
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message.Split(" (Parameter", 2)[0], ExitCodes.Usage);
            }
        });

        var command = new Command("users", "Accounts on this hub's machine, without signing in (the first owner of a fresh hub).");
        command.Subcommands.Add(add);
        return command;
    }

    private static AccountSetup OpenStore(StorageOptions options, TimeProvider time)
    {
        try
        {
            return AccountSetup.Open(options, time);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message.Split(" (Parameter", 2)[0], ExitCodes.Unreachable);
        }
    }

    /// <summary>The host part of a connection string: a password in it is not for the terminal.</summary>
    private static string RedisAddress(string? connectionString) => (connectionString ?? "").Split(',')[0];
}
