using System.CommandLine;
using System.Globalization;
using Willow.Cli.Output;
using Willow.Hub.Accounts;

namespace Willow.Cli.Client;

/// <summary>Signing up, in and out, and personal access tokens: <c>willow signup</c>, <c>login</c>, <c>logout</c>, <c>tokens</c>.</summary>
public static class AccountCommands
{
    public static Command SignUp(Terminal terminal)
    {
        var hub = new Option<string>("--hub") { Description = "The hub's address.", Required = true };
        var email = new Option<string>("--email") { Description = "Your e-mail address (you sign in with it).", Required = true };
        var name = new Option<string>("--name") { Description = "Your name, as the household sees it.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of asking." };
        var profile = ProfileOption();
        var command = new Command("signup", "Create an account on a hub (if it allows sign-up), then sign in. Join a household with 'willow join CODE'.")
        {
            hub, email, name, passwordStdin, profile,
        };
        command.SetAction(async (parse, ct) =>
        {
            var password = Password(parse, passwordStdin, terminal, "Choose a password (at least 10 characters): ");
            using var anonymous = new HubClient(parse.GetValue(hub)!, null);
            await anonymous.SignUpAsync(new SignUpRequest { Email = parse.GetValue(email), Password = password, DisplayName = parse.GetValue(name) }, ct);
            terminal.Line($"Created the account {parse.GetValue(email)} on {anonymous.HubUrl}.");
            return await LogInAsync(anonymous.HubUrl, parse.GetValue(email)!, password, null, parse.GetValue(profile)!, terminal, ct);
        });
        return command;
    }

    public static Command Login(Terminal terminal)
    {
        var hub = new Option<string>("--hub") { Description = "The hub's address.", Required = true };
        var email = new Option<string>("--email") { Description = "Sign in with this e-mail address and a password; the CLI gets a token of its own." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of asking." };
        var token = new Option<string>("--token") { Description = "Or use a personal access token you already have." };
        var household = new Option<Guid?>("--household") { Description = "The household to use by default." };
        var profile = ProfileOption();
        var command = new Command("login", "Sign in to a hub and save it for the other commands.") { hub, email, passwordStdin, token, household, profile };
        command.SetAction(async (parse, ct) =>
        {
            var hubUrl = parse.GetValue(hub)!;
            if (parse.GetValue(email) is { } address)
            {
                if (parse.GetValue(token) is not null)
                {
                    throw new CliException("Give --email or --token, not both.", ExitCodes.Usage);
                }

                var password = Password(parse, passwordStdin, terminal, $"Password for {address}: ");
                return await LogInAsync(hubUrl, address, password, parse.GetValue(household), parse.GetValue(profile)!, terminal, ct);
            }

            if (parse.GetValue(token) is not { } secret)
            {
                throw new CliException("Say how to sign in: --email you@example.org (asks for the password), or --token TOKEN.", ExitCodes.Usage);
            }

            using var client = new HubClient(hubUrl, secret);
            return await SaveAsync(client, secret, null, parse.GetValue(household), parse.GetValue(profile)!, terminal, ct);
        });
        return command;
    }

    public static Command Logout(Terminal terminal)
    {
        var profile = ProfileOption();
        var command = new Command("logout", "Revoke the token 'willow login' got, and forget the hub.") { profile };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(profile)!;
            var saved = ClientProfile.Load(path);
            if (saved.HubUrl is null || saved.Token is null)
            {
                terminal.Line("Not signed in.");
                return ExitCodes.Success;
            }

            if (saved.TokenId is { } tokenId)
            {
                using var client = new HubClient(saved.HubUrl, saved.Token);
                try
                {
                    await client.RevokeTokenAsync(tokenId, ct);
                }
                catch (CliException ex) when (ex.ExitCode == ExitCodes.NotAllowed)
                {
                    // Revoked or expired already: nothing left to revoke.
                }
            }

            File.Delete(path);
            terminal.Line(saved.TokenId is null
                ? $"Forgot {saved.HubUrl}. The token you gave is still valid; revoke it with 'willow tokens revoke ID' if it should not be."
                : $"Signed out of {saved.HubUrl}; the CLI's token is revoked.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Tokens(Terminal terminal, TimeProvider time)
    {
        var command = new Command("tokens", "Your personal access tokens for the API and scripts.");

        var listConnection = new ClientOptions();
        var list = new Command("list", "List your tokens (never their secrets).");
        listConnection.AddTo(list);
        list.SetAction(async (parse, ct) =>
        {
            using var client = listConnection.Connect(parse);
            var table = new Table("Name", "Created", "Expires", "Last used", "State", "Id");
            var now = time.GetUtcNow();
            foreach (var t in await client.TokensAsync(ct))
            {
                var state = t.RevokedAt is not null ? ("revoked", TerminalColor.Dim) : t.ExpiresAt <= now ? ("expired", TerminalColor.Dim) : ("valid", TerminalColor.Green);
                table.Add((t.Name, TerminalColor.None), (Day(t.CreatedAt), TerminalColor.None), (Day(t.ExpiresAt), TerminalColor.None), (Day(t.LastUsedAt), TerminalColor.None), state, (t.Id.ToString(), TerminalColor.None));
            }

            table.WriteTo(terminal);
            return ExitCodes.Success;
        });

        var createConnection = new ClientOptions();
        var name = new Argument<string>("name") { Description = "What it is for, e.g. \"home assistant\"." };
        var days = new Option<int?>("--days") { Description = "Days until it stops working (default 90)." };
        var create = new Command("create", "Create a token; its secret is shown once.") { name, days };
        createConnection.AddTo(create);
        create.SetAction(async (parse, ct) =>
        {
            using var client = createConnection.Connect(parse);
            var token = await client.CreateTokenAsync(new CreateTokenRequest { Name = parse.GetValue(name), ExpiresInDays = parse.GetValue(days) }, ct);
            terminal.Line($"Token \"{token.Name}\" (valid until {Day(token.ExpiresAt)}). It is shown this once; keep it like a password:");
            terminal.Line();
            terminal.Line($"  {token.Token}");
            terminal.Line();
            terminal.Line($"Use it as 'Authorization: Bearer …'. Revoke it with: willow tokens revoke {token.Id}");
            return ExitCodes.Success;
        });

        var revokeConnection = new ClientOptions();
        var id = new Argument<Guid>("id") { Description = "The token's id (willow tokens list)." };
        var revoke = new Command("revoke", "Revoke a token at once.") { id };
        revokeConnection.AddTo(revoke);
        revoke.SetAction(async (parse, ct) =>
        {
            using var client = revokeConnection.Connect(parse);
            await client.RevokeTokenAsync(parse.GetValue(id), ct);
            terminal.Line($"Revoked {parse.GetValue(id)}.");
            return ExitCodes.Success;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(create);
        command.Subcommands.Add(revoke);
        return command;
    }

    private static async Task<int> LogInAsync(string hubUrl, string email, string password, Guid? household, string profilePath, Terminal terminal, CancellationToken ct)
    {
        using var anonymous = new HubClient(hubUrl, null);
        var token = await anonymous.LogInForTokenAsync(new TokenLoginRequest { Email = email, Password = password, Name = $"willow CLI on {Environment.MachineName}" }, ct);
        using var client = new HubClient(hubUrl, token.Token);
        return await SaveAsync(client, token.Token, token.Id, household, profilePath, terminal, ct);
    }

    private static async Task<int> SaveAsync(HubClient client, string token, Guid? tokenId, Guid? chosen, string profilePath, Terminal terminal, CancellationToken ct)
    {
        var households = await client.HouseholdsAsync(ct);
        if (chosen is { } id && households.All(h => h.Id != id))
        {
            throw new CliException($"Household {id} is not one of yours.", ExitCodes.Usage);
        }

        new ClientProfile(client.HubUrl, token, chosen ?? (households.Count == 1 ? households[0].Id : null), tokenId).Save(profilePath);
        terminal.Line($"Signed in to {client.HubUrl}; saved {profilePath}.");
        if (households.Count == 0)
        {
            terminal.Line("You belong to no household yet. Join one with the code an owner gave you: willow join CODE");
            return ExitCodes.Success;
        }

        var table = new Table("Household", "Your role", "Id");
        foreach (var h in households)
        {
            table.Add(h.Name, h.Role is { } role ? Hub.Households.HouseholdRoles.ToWire(role) : "", h.Id.ToString());
        }

        table.WriteTo(terminal);
        terminal.Line(households.Count == 1 || chosen is not null ? "Next: willow status" : "Pass --household ID to the other commands, or log in again with --household ID.");
        return ExitCodes.Success;
    }

    private static string Password(ParseResult parse, Option<bool> passwordStdin, Terminal terminal, string prompt) =>
        parse.GetValue(passwordStdin) ? terminal.ReadLine("the password") : terminal.Prompt(prompt, "--password-stdin");

    private static Option<string> ProfileOption() => new("--profile") { Description = "Where to save the profile.", DefaultValueFactory = _ => ClientProfile.DefaultPath };

    public static string Day(DateTimeOffset? at) => at is { } value ? value.ToLocalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";
}
